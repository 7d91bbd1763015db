import type { Storage } from './types.ts';

/** Storage for when IndexedDB is missing, blocked or full: the bot keeps working for this page view. */
export function memoryStorage(): Storage {
  const m = new Map<string, unknown>();
  return {
    get: async (k) => m.get(k) as any,
    set: async (k, v) => void m.set(k, v),
  };
}
