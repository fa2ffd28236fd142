import type { ClientRecord, IngestStore } from '../../adapters/ingest-store/ingest-store.js';

/**
 * Remembers key → client for a short time, so a busy desk's uploads don't each cost two table
 * reads. A revoked or rotated key keeps working for at most `ttlMs`.
 */
export function cachedClientLookup(store: Pick<IngestStore, 'clientByKeyHash'>, ttlMs = 30_000, max = 1000) {
  const cache = new Map<string, { client: ClientRecord; until: number }>();
  return async (apiKeyHash: string): Promise<ClientRecord | undefined> => {
    const hit = cache.get(apiKeyHash);
    if (hit && hit.until > Date.now()) return hit.client;
    const client = await store.clientByKeyHash(apiKeyHash);
    cache.delete(apiKeyHash);
    if (client) {
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(apiKeyHash, { client, until: Date.now() + ttlMs });
    }
    return client;
  };
}
