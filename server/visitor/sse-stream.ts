import type { Request, Response } from 'express';

export interface SseItem {
  id: number;
  event: string;
  data: unknown;
}

/**
 * One server-sent-events response that pulls its items from the database. A kick (a notification that
 * something new may be there) reads everything after the stream's cursor and writes it. Nothing is queued
 * in memory: a client that reads slowly leaves the socket buffer full, the stream waits for 'drain', and
 * the next pull starts from the cursor. So a slow or stalled client costs one socket, not a growing buffer.
 */
export class SseStream {
  private pulling = false;
  private dirty = false;
  private blocked = false;
  closed = false;

  constructor(
    private readonly res: Response,
    private cursor: number,
    private readonly fetch: (after: number) => Promise<SseItem[]>,
    private readonly pageSize: number,
    private readonly onError: (err: unknown) => void,
  ) {
    res.on('drain', () => {
      this.blocked = false;
      this.kick();
    });
  }

  /** Writes the SSE preamble: headers, the reconnect delay, and an optional first event. */
  static open(req: Request, res: Response): void {
    req.socket.setTimeout(0);
    req.socket.setNoDelay(true);
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write('retry: 2000\n\n');
  }

  /** Reads and writes whatever is new; overlapping kicks coalesce into one more pull. */
  kick(): void {
    if (this.closed) return;
    if (this.pulling || this.blocked) {
      this.dirty = true;
      return;
    }
    this.pulling = true;
    void this.pull().finally(() => {
      this.pulling = false;
      if (this.dirty && !this.blocked && !this.closed) {
        this.dirty = false;
        this.kick();
      }
    });
  }

  /**
   * Takes an item announced with its data: written at once when it is the very next one (no gap, nothing
   * being read, the socket draining), which saves a read per message; otherwise a kick reads it in order.
   */
  offer(item: SseItem): void {
    if (this.closed) return;
    if (!this.pulling && !this.blocked && !this.dirty && item.id === this.cursor + 1) {
      this.cursor = item.id;
      this.write(`id: ${item.id}\nevent: ${item.event}\ndata: ${JSON.stringify(item.data)}\n\n`);
    } else if (item.id > this.cursor) {
      this.kick();
    }
  }

  /** Writes an event that is not from the database (`ready`), without an id. */
  send(event: string, data: unknown): void {
    if (!this.closed) this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  heartbeat(): void {
    if (!this.closed && !this.blocked) this.write(': hb\n\n');
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.res.end();
  }

  private async pull(): Promise<void> {
    try {
      for (;;) {
        this.dirty = false;
        const items = await this.fetch(this.cursor);
        for (const item of items) {
          if (this.closed) return;
          this.cursor = Math.max(this.cursor, item.id);
          this.write(`id: ${item.id}\nevent: ${item.event}\ndata: ${JSON.stringify(item.data)}\n\n`);
        }
        if (items.length < this.pageSize || this.blocked || this.closed) return;
      }
    } catch (err) {
      this.onError(err);
      setTimeout(() => this.kick(), 1000).unref();
    }
  }

  private write(chunk: string): void {
    if (!this.res.write(chunk)) this.blocked = true;
  }
}
