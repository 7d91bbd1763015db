import type { Storage } from './types.ts';

/**
 * Storage for when IndexedDB is missing, blocked or full: the bot keeps working for this page view.
 * Values are kept as JSON text, so like IndexedDB's copies, a value read back is never the object
 * that was stored, and changing one afterwards changes nothing stored.
 */
export function memoryStorage(): Storage {
  const m = new Map<string, string | undefined>();
  return {
    get: async (k) => {
      const v = m.get(k);
      // JSON text is never empty, so only a value never written reads as undefined.
      return v && JSON.parse(v);
    },
    set: async (k, v) => void m.set(k, JSON.stringify(v)),
  };
}
