/**
 * Where TableDuplicateIndex keeps a client's buckets: one partition per client (so that one insert's
 * buckets go in one transaction; on Azure a partition serves some 2,000 entities a second, about
 * 80 files a second at 24 each: a lookup reads 8, an insert reads and writes 8), one entity per bucket.
 * Keys may not hold / \ # ? or control characters: the client id is percent-encoded.
 */
export const partitionOf = (clientId: string): string => encodeURIComponent(clientId);

export const SHA_BUCKET_PREFIX = 'sha.';

/** Exact copies share a bucket named for their SHA-256's first 3 hex digits: 4,096 buckets, ~25 files each at 100,000. */
export const shaBucketOf = (sha256: string): string => `${SHA_BUCKET_PREFIX}${sha256.slice(0, 3)}`;
