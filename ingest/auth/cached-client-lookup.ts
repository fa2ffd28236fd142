import type { ClientRecord, IngestStore } from '../../adapters/ingest-store/ingest-store.js';
import { cachedLookup } from '../../lib/cache/cached-lookup.js';

/** How long a key's client is remembered: also the longest a deleted client's key, or a key rotated out, keeps working. */
export const CLIENT_LOOKUP_TTL_MS = 30_000;

/**
 * Remembers key → client for a short time, so a busy desk's uploads don't each cost two table
 * reads. A revoked or rotated key keeps working for at most `ttlMs`; a key whose overlap has ended
 * stops at once (authenticate reads its expiry from the record), and a new key works at once (misses are not cached).
 */
export function cachedClientLookup(store: Pick<IngestStore, 'clientByKeyHash'>, ttlMs = CLIENT_LOOKUP_TTL_MS, maxEntries = 1000) {
  return cachedLookup<string, ClientRecord>((apiKeyHash) => store.clientByKeyHash(apiKeyHash), { ttlMs, maxEntries });
}
