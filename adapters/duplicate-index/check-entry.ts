import type { DuplicateEntry, DuplicateQuery } from './duplicate-index.js';

const HASH = /^[0-9a-f]{16}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The entry or query with its hex in lower case, or a RangeError naming what is wrong: a malformed
 * hash stored once would otherwise match nothing (or everything) for the whole window.
 */
export function checkEntry<T extends DuplicateEntry | DuplicateQuery>(entry: T): T {
  for (const key of ['clientId', 'submissionId', 'fileId'] as const) {
    if (!entry[key]) throw new RangeError(`A duplicate index entry needs a ${key}.`);
  }
  const sha256 = entry.sha256.toLowerCase();
  if (!SHA256.test(sha256)) throw new RangeError(`sha256 must be 64 hex digits, not "${entry.sha256}".`);
  const hashes = entry.hashes.map((h) => h.toLowerCase());
  const bad = hashes.find((h) => !HASH.test(h));
  if (bad !== undefined) throw new RangeError(`A perceptual hash must be 16 hex digits, not "${bad}".`);
  for (const key of ['indexedAt', 'receivedAt'] as const) {
    const time = (entry as Partial<Record<typeof key, string>>)[key];
    if (time !== undefined && Number.isNaN(Date.parse(time))) throw new RangeError(`${key} must be an ISO 8601 time, not "${time}".`);
  }
  return { ...entry, sha256, hashes };
}
