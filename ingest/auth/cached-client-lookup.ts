import type { ClientRecord, IngestStore } from '../../adapters/ingest-store/ingest-store.js';
import { cachedLookup } from '../../lib/cache/cached-lookup.js';

/**
 * Remembers key → client for a short time, so a busy desk's uploads don't each cost two table
 * reads. A revoked or rotated key keeps working for at most `ttlMs`.
 */
export function cachedClientLookup(store: Pick<IngestStore, 'clientByKeyHash'>, ttlMs = 30_000, maxEntries = 1000) {
  return cachedLookup<string, ClientRecord>((apiKeyHash) => store.clientByKeyHash(apiKeyHash), { ttlMs, maxEntries });
}
