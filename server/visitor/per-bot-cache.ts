/**
 * A brief per-bot cache of what the visitor side reads about a bot on every request (its visitor settings, its
 * results settings). A failed read is not kept, so the next request asks again.
 */
export function cachePerBot<T>(read: (botId: string) => Promise<T>, ttlMs: number): (botId: string) => Promise<T> {
  const cache = new Map<string, { at: number; value: Promise<T> }>();
  return (botId) => {
    const now = Date.now();
    const hit = cache.get(botId);
    if (hit && now - hit.at < ttlMs) return hit.value;
    const value = read(botId).catch((err) => {
      cache.delete(botId);
      throw err;
    });
    if (cache.size > 10_000) cache.clear();
    cache.set(botId, { at: now, value });
    return value;
  };
}
