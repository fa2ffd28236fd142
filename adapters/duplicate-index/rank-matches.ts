import { MAX_DUPLICATE_MATCHES, type DuplicateMatch, type DuplicateQuery } from './duplicate-index.js';
import { hammingDistance } from './hamming-distance.js';

/** An indexed file as an adapter found it: all of its hashes, or only those a band key brought. */
export interface Candidate {
  submissionId: string;
  fileId: string;
  name: string;
  indexedAtMs: number;
  hashes: readonly string[];
  sha256?: string;
}

interface Ranked extends DuplicateMatch {
  indexedAtMs: number;
}

const byRank = (a: Ranked, b: Ranked): number =>
  Number(b.exact) - Number(a.exact) ||
  a.distance - b.distance ||
  // Ties: the earliest copy first (the one the desk already has), then a stable order.
  a.indexedAtMs - b.indexedAtMs ||
  (a.submissionId < b.submissionId ? -1 : a.submissionId > b.submissionId ? 1 : 0) ||
  (a.fileId < b.fileId ? -1 : a.fileId > b.fileId ? 1 : 0);

/**
 * The query's matches among the candidates, shared by every adapter so that they rank alike: one
 * per file, exact or within `maxBits`, indexed since `sinceMs` and not after the query's `receivedAt`, its own file left out,
 * exact first then nearest, at most MAX_DUPLICATE_MATCHES. Candidates may repeat a file (one per
 * band key that brought it): its matches are merged.
 */
export function rankMatches(
  query: DuplicateQuery,
  candidates: Iterable<Candidate>,
  { maxBits, sinceMs }: { maxBits: number; sinceMs: number },
): DuplicateMatch[] {
  const files = new Map<string, Ranked>();
  const untilMs = query.receivedAt === undefined ? Infinity : Date.parse(query.receivedAt);
  for (const c of candidates) {
    if (c.indexedAtMs < sinceMs || c.indexedAtMs > untilMs) continue;
    if (c.submissionId === query.submissionId && c.fileId === query.fileId) continue;
    const exact = c.sha256 === query.sha256;
    let distance = exact ? 0 : Infinity;
    for (const mine of query.hashes) for (const theirs of c.hashes) distance = Math.min(distance, hammingDistance(mine, theirs));
    if (distance > maxBits) continue;
    const key = JSON.stringify([c.submissionId, c.fileId]);
    const seen = files.get(key);
    files.set(key, {
      submissionId: c.submissionId,
      fileId: c.fileId,
      name: c.name,
      distance: Math.min(distance, seen?.distance ?? Infinity),
      exact: exact || (seen?.exact ?? false),
      indexedAtMs: c.indexedAtMs,
    });
  }
  return [...files.values()]
    .sort(byRank)
    .slice(0, MAX_DUPLICATE_MATCHES)
    .map(({ submissionId, fileId, name, distance, exact }) => ({ submissionId, fileId, name, distance, exact }));
}
