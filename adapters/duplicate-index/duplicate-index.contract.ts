import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DuplicateEntry, DuplicateIndex, DuplicateIndexOptions } from './duplicate-index.js';

const DAY = 24 * 60 * 60 * 1000;
const T = Date.parse('2026-03-01T12:00:00.000Z');
const at = (ms: number): string => new Date(ms).toISOString();

const randomHash = (): string => randomBytes(8).toString('hex');
const randomSha = (): string => randomBytes(32).toString('hex');
/** The hash with the given bits flipped (bit 0 is the most significant). */
const flip = (hash: string, bits: readonly number[]): string =>
  bits
    .reduce((h, bit) => h ^ (1n << BigInt(63 - bit)), BigInt(`0x${hash}`))
    .toString(16)
    .padStart(16, '0');
/** `k` bits spread evenly over the 64: a band index can then share only the bands none of them fall in. */
const spread = (k: number): number[] => Array.from({ length: k }, (_, i) => Math.floor((i * 64) / k));
/** `k` neighbouring bits from `start`: they change one or two bands and leave the others equal. */
const run = (k: number, start = 0): number[] => Array.from({ length: k }, (_, i) => start + i);

/** The behaviour every DuplicateIndex adapter must have. `make` may share storage between calls: each test uses its own client. */
export function duplicateIndexContract(
  name: string,
  make: (options?: DuplicateIndexOptions) => DuplicateIndex | Promise<DuplicateIndex>,
): void {
  describe(`DuplicateIndex contract: ${name}`, () => {
    const setUp = async (options: DuplicateIndexOptions = {}) => {
      const clientId = `client-${randomUUID()}`;
      const index = await make({ now: () => new Date(T), ...options });
      let n = 0;
      const entry = (patch: Partial<DuplicateEntry> = {}): DuplicateEntry => ({
        clientId,
        submissionId: `sub-${randomUUID()}`,
        fileId: `file-${++n}`,
        name: `photo-${n}.jpg`,
        sha256: randomSha(),
        hashes: [randomHash()],
        indexedAt: at(T - DAY),
        ...patch,
      });
      /** A new file looking like `e`: its own ids and bytes unless the patch gives them. */
      const query = (e: DuplicateEntry, patch: Partial<DuplicateEntry> = {}) => ({
        ...e,
        submissionId: `sub-${randomUUID()}`,
        fileId: 'new',
        sha256: randomSha(),
        ...patch,
      });
      const copyOf = (e: DuplicateEntry, patch: Partial<DuplicateEntry> = {}) => query(e, { sha256: e.sha256, ...patch });
      return { index, clientId, entry, query, copyOf };
    };
    const match = (e: DuplicateEntry, distance: number, exact = false) => ({
      submissionId: e.submissionId,
      fileId: e.fileId,
      name: e.name,
      distance,
      exact,
    });

    it('finds an exact duplicate by its SHA-256, with or without perceptual hashes', async () => {
      const { index, entry, copyOf } = await setUp();
      const photo = entry();
      const unhashed = entry({ hashes: [] });
      await index.insert(photo);
      await index.insert(unhashed);
      await index.insert(entry());
      expect(await index.lookup(copyOf(photo))).toEqual([match(photo, 0, true)]);
      expect(await index.lookup(copyOf(unhashed))).toEqual([match(unhashed, 0, true)]);
      expect(await index.lookup(copyOf(photo, { sha256: photo.sha256.toUpperCase(), hashes: [] }))).toEqual([match(photo, 0, true)]);
    });

    it('finds near duplicates exactly at the threshold, however the differing bits fall, and none a bit beyond', async () => {
      const { index, entry, query } = await setUp();
      const base = randomHash();
      const spreadSix = entry({ hashes: [flip(base, spread(6))] });
      const runSix = entry({ hashes: [flip(base, run(6, 29))] });
      const spreadSeven = entry({ hashes: [flip(base, spread(7))] });
      const runSeven = entry({ hashes: [flip(base, run(7))] });
      await index.insertMany([spreadSix, runSix, spreadSeven, runSeven]);
      const found = await index.lookup(query(entry(), { hashes: [base] }));
      expect(found).toHaveLength(2);
      expect(found).toEqual(expect.arrayContaining([match(spreadSix, 6), match(runSix, 6)]));
    });

    it('uses the configured threshold', async () => {
      const { index, entry, query } = await setUp({ maxBits: 3 });
      const base = randomHash();
      const three = entry({ hashes: [flip(base, spread(3))] });
      await index.insertMany([three, entry({ hashes: [flip(base, spread(4))] }), entry({ hashes: [flip(base, run(4, 40))] })]);
      expect(await index.lookup(query(entry(), { hashes: [base] }))).toEqual([match(three, 3)]);
    });

    it('compares only files of the same client', async () => {
      const mine = await setUp();
      const theirs = await setUp();
      const photo = mine.entry();
      await mine.index.insert(photo);
      expect(await theirs.index.lookup(theirs.copyOf(photo, { clientId: theirs.clientId }))).toEqual([]);
      expect(await mine.index.lookup(mine.copyOf(photo))).toEqual([match(photo, 0, true)]);
    });

    it('compares only files indexed at or before the query’s arrival: a later copy is not an earlier one', async () => {
      const { index, entry, copyOf } = await setUp();
      const first = entry({ indexedAt: at(T - 2 * DAY) });
      const later = entry({ sha256: first.sha256, indexedAt: at(T - DAY) });
      await index.insertMany([first, later]);
      expect(await index.lookup({ ...copyOf(first), receivedAt: at(T - 2 * DAY) })).toEqual([match(first, 0, true)]);
      expect(await index.lookup({ ...copyOf(first), receivedAt: at(T - DAY) })).toEqual([match(first, 0, true), match(later, 0, true)]);
    });

    it('forgets files indexed before the window, measured on its clock, and keeps the one on its edge', async () => {
      let now = T;
      const { index, entry, copyOf } = await setUp({ now: () => new Date(now), windowMs: 30 * DAY });
      const photo = entry({ indexedAt: at(T - 10 * DAY) });
      const edge = entry({ sha256: photo.sha256, indexedAt: at(T - 30 * DAY) });
      const expired = entry({ sha256: photo.sha256, indexedAt: at(T - 30 * DAY - 1) });
      await index.insertMany([photo, edge, expired]);
      expect(await index.lookup(copyOf(photo))).toEqual([match(edge, 0, true), match(photo, 0, true)]);
      now = T + 20 * DAY + 1;
      expect(await index.lookup(copyOf(photo))).toEqual([]);
    });

    it('ranks exact first, then by distance, then the earliest copy first', async () => {
      const { index, entry, copyOf } = await setUp();
      const base = randomHash();
      const original = entry({ hashes: [base] });
      const sameLook = entry({ hashes: [base], indexedAt: at(T - 3 * DAY) });
      const twoLater = entry({ hashes: [flip(base, [1, 40])], indexedAt: at(T - DAY) });
      const twoEarlier = entry({ hashes: [flip(base, [5, 50])], indexedAt: at(T - 2 * DAY) });
      const five = entry({ hashes: [flip(base, spread(5))], indexedAt: at(T - 5 * DAY) });
      const exact = entry({ sha256: original.sha256, hashes: [base] });
      for (const e of [five, twoLater, exact, sameLook, twoEarlier]) await index.insert(e);
      expect(await index.lookup(copyOf(original))).toEqual([
        match(exact, 0, true),
        match(sameLook, 0),
        match(twoEarlier, 2),
        match(twoLater, 2),
        match(five, 5),
      ]);
    });

    it('returns at most 10 matches, the nearest', async () => {
      const { index, entry, query } = await setUp();
      const base = randomHash();
      const distances = [6, 5, 4, 4, 3, 3, 2, 2, 1, 1, 0, 0];
      const copies = distances.map((d, i) => entry({ hashes: [flip(base, run(d, i))] }));
      await index.insertMany(copies);
      const found = await index.lookup(query(entry(), { hashes: [base] }));
      expect(found.map((m) => m.distance)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    });

    it('keeps what it stored first when a file is indexed again (a retried activity)', async () => {
      let now = T;
      const { index, entry, copyOf } = await setUp({ now: () => new Date(now) });
      const photo = entry({ indexedAt: at(T - 29 * DAY) });
      await index.insert(photo);
      await index.insert({ ...photo, indexedAt: at(T) });
      await index.insertMany([photo, { ...photo, indexedAt: at(T) }]);
      expect(await index.lookup(copyOf(photo))).toEqual([match(photo, 0, true)]);
      now = T + 2 * DAY;
      expect(await index.lookup(copyOf(photo))).toEqual([]);
    });

    it('matches a video and a photo through any one of the video’s hashes', async () => {
      const { index, entry, query } = await setUp();
      const photo = entry();
      const video = entry({ name: 'clip.mp4', hashes: [randomHash(), randomHash(), flip(photo.hashes[0]!, spread(3)), randomHash()] });
      await index.insertMany([photo, video]);
      expect(await index.lookup(photo)).toEqual([match(video, 3)]);
      const otherVideo = query(video, { sha256: randomSha(), hashes: [randomHash(), flip(photo.hashes[0]!, run(2, 30))] });
      // Its second keyframe is 2 bits from the photo, and 5 from the first video's third hash (bits 0, 21, 42 against 30, 31).
      expect(await index.lookup(otherVideo)).toEqual([match(photo, 2), match(video, 5)]);
    });

    it('leaves the file itself out, but not another file of its submission', async () => {
      const { index, entry } = await setUp();
      const photo = entry();
      const sibling = entry({ submissionId: photo.submissionId, sha256: photo.sha256, hashes: photo.hashes });
      await index.insertMany([photo, sibling]);
      expect(await index.lookup(photo)).toEqual([match(sibling, 0, true)]);
    });

    it('refuses malformed hashes instead of storing them', async () => {
      const { index, entry, query } = await setUp();
      await expect(index.insert(entry({ hashes: ['not-a-hash'] }))).rejects.toThrow(RangeError);
      await expect(index.insert(entry({ sha256: 'abc' }))).rejects.toThrow(RangeError);
      await expect(index.lookup(query(entry(), { hashes: ['0123'] }))).rejects.toThrow(RangeError);
    });
  });
}
