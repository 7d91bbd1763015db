/**
 * Test helpers for the visitor side: a bot published on a test server, visitor sessions, an SSE reader
 * over fetch (Node has no EventSource), and a webhook receiver that checks signatures.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { webhookSignature } from '../timers/webhook.ts';

export interface SseEvent {
  id: string | null;
  event: string;
  data: any;
}

/** An open event stream; `next()` waits for the next event matching `filter`. */
export interface SseReader {
  events: SseEvent[];
  next(filter?: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
  status: number;
}

/** Opens `url` as an event stream with fetch, parsing events as they arrive. */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const events: SseEvent[] = [];
  let seen = 0;
  const waiters = new Set<() => void>();
  if (res.ok && res.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of res.body as any as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const e: SseEvent = { id: null, event: 'message', data: '' };
            let data = '';
            let any = false;
            for (const line of block.split('\n')) {
              if (line.startsWith('id: ')) e.id = line.slice(4);
              else if (line.startsWith('event: ')) e.event = line.slice(7);
              else if (line.startsWith('data: ')) ((data += line.slice(6)), (any = true));
            }
            if (!any) continue;
            e.data = JSON.parse(data);
            events.push(e);
            for (const w of waiters) w();
          }
        }
      } catch {
        // aborted
      }
    })();
  }
  return {
    events,
    status: res.status,
    next(filter = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          while (seen < events.length) {
            const e = events[seen++];
            if (filter(e)) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve(e);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => abort.abort(),
  };
}

export interface WebhookCall {
  body: any;
  raw: string;
  signatureValid: boolean;
  timestamp: number;
}

/** A local webhook receiver that verifies each call's signature; `fail` answers 500 to the first N calls. */
export async function startWebhookReceiver(options: { secret?: string; fail?: number } = {}) {
  const secret = options.secret ?? randomBytes(16).toString('hex');
  const calls: WebhookCall[] = [];
  let failuresLeft = options.fail ?? 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const timestamp = Number(req.headers['x-chatlet-timestamp']);
      const signatureValid = req.headers['x-chatlet-signature'] === webhookSignature(secret, timestamp, raw);
      if (failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(500).end();
        return;
      }
      calls.push({ body: JSON.parse(raw), raw, signatureValid, timestamp });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, secret, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A random visitor id as the runtime makes one: 96 bits of hex. */
export function visitorId(): string {
  return randomBytes(12).toString('hex');
}

/** Polls `check` until it returns true. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A clock for presence that only moves when told: `advance(ms)` runs the timers that fall due, in order. */
export function manualClock(start = Date.now()) {
  let now = start;
  const timers = new Set<{ at: number; fn: () => void }>();
  return {
    now: () => now,
    after(ms: number, fn: () => void) {
      const timer = { at: now + ms, fn };
      timers.add(timer);
      return () => void timers.delete(timer);
    },
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...timers].filter((t) => t.at <= until).sort((x, y) => x.at - y.at)[0];
        if (!due) break;
        timers.delete(due);
        now = due.at;
        due.fn();
      }
      now = until;
    },
  };
}
