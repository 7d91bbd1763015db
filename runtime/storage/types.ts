/** Where conversations are kept: IndexedDB in browsers, memory when IndexedDB says no. */
export interface Storage {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
}
