/**
 * Where conversations are kept: IndexedDB in browsers, memory when IndexedDB says no. Keys are
 * strings, values JSON data (a machine snapshot, the visitor id); every implementation passes the
 * contract suite in storage.contract.ts.
 */
export interface Storage {
  /** The value stored under `key`, as a copy; undefined when there is none. */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores a copy of `value` under `key`, replacing what was there; rejects when the device refuses the write. */
  set(key: string, value: unknown): Promise<void>;
}
