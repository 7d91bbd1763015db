/** How a `WriteBatcher` writes and keys its items. */
export interface WriteBatcherOptions<T, R> {
  /** Writes a batch in one statement; resolves to one outcome per item, in the batch's order. */
  writeMany: (items: T[]) => Promise<R[]>;
  /** Items with the same key never share a batch (one statement cannot touch a row twice); later ones wait. */
  key: (item: T) => string;
  /** At most this many items in one batch. */
  maxBatch: number;
  /** At most this many batches written at once. */
  maxInFlight: number;
}

interface Waiting<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for small writes that arrive many at a time. A write goes out at the end of the event loop's turn while
 * fewer than `maxInFlight` batches are being written, so a quiet server adds no latency worth counting; writes that arrive while the database is busy wait
 * and leave together in the next batch, so a statement and a commit are paid per batch instead of per write. A
 * batch that fails is written again item by item, so one bad item fails only its own caller.
 */
export class WriteBatcher<T, R> {
  private queue: Waiting<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly options: WriteBatcherOptions<T, R>) {}

  /** Writes `item` with whatever else is waiting; resolves to its own outcome. */
  write(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Writes once the event loop has read what else arrived with this write: the requests a server parses in one turn
   * share a statement. (An embedded database that runs its statement on this thread would otherwise take the first
   * request of each turn alone, and then the rest.)
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch: Waiting<T, R>[] = [];
      const later: Waiting<T, R>[] = [];
      const keys = new Set<string>();
      for (const w of this.queue) {
        const key = this.options.key(w.item);
        // A write of a key already in this batch, and everything of that key after it, waits: order per key holds.
        if (batch.length < this.options.maxBatch && !keys.has(key)) {
          keys.add(key);
          batch.push(w);
        } else {
          keys.add(key);
          later.push(w);
        }
      }
      this.queue = later;
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.schedule();
      });
    }
  }

  private async run(batch: Waiting<T, R>[]): Promise<void> {
    try {
      const outcomes = await this.options.writeMany(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(outcomes[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // One statement failed for all: each write alone finds out whether it was the cause.
      await Promise.all(
        batch.map((w) =>
          this.options.writeMany([w.item]).then(
            ([outcome]) => w.resolve(outcome!),
            (e: unknown) => w.reject(e),
          ),
        ),
      );
    }
  }
}
