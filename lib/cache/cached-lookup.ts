export interface CachedLookupOptions {
  /** How long a found value is kept: also how long a stale one (a revoked key, a rotated secret) may still be served. */
  ttlMs: number;
  /** At most this many values are kept; the oldest goes first. */
  maxEntries: number;
  now?: () => number;
}

/**
 * Puts a bounded, short-lived cache in front of a lookup: a value found is kept for `ttlMs`, at most `maxEntries` of
 * them. What was not found is asked again next time, so a client created a moment ago is not refused for a while.
 */
export function cachedLookup<K, V>(
  load: (key: K) => Promise<V | undefined>,
  options: CachedLookupOptions,
): (key: K) => Promise<V | undefined> {
  const { ttlMs, maxEntries, now = Date.now } = options;
  if (!Number.isInteger(maxEntries) || maxEntries < 1)
    throw new RangeError(`maxEntries must be a whole number of at least 1, not ${maxEntries}`);
  const cache = new Map<K, { value: V; until: number }>();
  return async (key) => {
    const hit = cache.get(key);
    if (hit && hit.until > now()) return hit.value;
    const value = await load(key);
    cache.delete(key);
    if (value !== undefined) {
      // A Map keeps insertion order: its first key is the oldest entry.
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as K);
      cache.set(key, { value, until: now() + ttlMs });
    }
    return value;
  };
}
