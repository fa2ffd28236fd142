import { packJson, unpackJson, type JsonEntity } from '../table-storage/json-entity.js';
import type { Candidate } from './rank-matches.js';

/**
 * One file in a bucket entity, as a short tuple because a bucket holds hundreds:
 * [submissionId, fileId, name, indexedAt (ms), hashes, sha256]. In a band bucket `hashes` are the
 * file's hashes under that band key and there is no sha256; in a SHA-256 bucket they are all of them.
 */
export type Member = [submissionId: string, fileId: string, name: string, indexedAtMs: number, hashes: string[], sha256?: string];

/** A file is in a bucket once: the member stored first stays (an insert repeated by a retried activity changes nothing). */
export const memberKey = (m: Member): string => JSON.stringify([m[0], m[1]]);

export const candidateOf = ([submissionId, fileId, name, indexedAtMs, hashes, sha256]: Member): Candidate => ({
  submissionId,
  fileId,
  name,
  indexedAtMs,
  hashes,
  sha256,
});

export const membersOf = (entity: JsonEntity): Member[] => unpackJson<Member[]>(entity);

/**
 * The members as entity properties. A bucket past what one entity holds (~450,000 characters, some
 * 4,000 members) keeps its newest members: only a degenerate band value gets there within a window,
 * such as the all-zero hash of a flat black frame that every fade to black yields.
 */
export function packMembers(members: Member[]): JsonEntity {
  let kept = [...members].sort((a, b) => b[3] - a[3]);
  for (;;) {
    try {
      return packJson(kept);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      kept = kept.slice(0, Math.floor(kept.length * 0.9));
    }
  }
}
