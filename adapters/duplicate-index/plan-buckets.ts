import type { DuplicateEntry } from './duplicate-index.js';
import { bandKeys } from './band-keys.js';
import type { Member } from './bucket-member.js';
import { shaBucketOf } from './table-keys.js';

/**
 * The members each bucket gains from the entries (checked, of one client): a file under each band
 * key of each of its hashes (several hashes under one key make one member) and under its SHA-256
 * bucket with all of them. A file given twice counts once, as first given.
 */
export function planBuckets(entries: readonly DuplicateEntry[], maxBits: number): Map<string, Member[]> {
  const plan = new Map<string, Member[]>();
  const add = (rowKey: string, member: Member) => {
    const members = plan.get(rowKey) ?? [];
    plan.set(rowKey, members);
    members.push(member);
  };
  const files = new Set<string>();
  for (const { submissionId, fileId, name, sha256, hashes, indexedAt } of entries) {
    const file = JSON.stringify([submissionId, fileId]);
    if (files.has(file)) continue;
    files.add(file);
    const at = Date.parse(indexedAt);
    const unique = [...new Set(hashes)];
    const byBand = new Map<string, string[]>();
    for (const hash of unique) for (const key of bandKeys(hash, maxBits)) byBand.set(key, [...(byBand.get(key) ?? []), hash]);
    for (const [key, inBand] of byBand) add(key, [submissionId, fileId, name, at, inBand]);
    add(shaBucketOf(sha256), [submissionId, fileId, name, at, unique, sha256]);
  }
  return plan;
}
