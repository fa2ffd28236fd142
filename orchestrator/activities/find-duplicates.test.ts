import { describe, expect, it } from 'vitest';
import { InMemoryDuplicateIndex } from '../../adapters/duplicate-index/in-memory-duplicate-index.js';
import { InMemoryIngestStore } from '../../adapters/ingest-store/in-memory-ingest-store.js';
import type { FindDuplicatesInput } from './catalog.js';
import { createFindDuplicates } from './find-duplicates.js';

const RECEIVED = '2026-03-01T10:00:00.000Z';
const sha = (c: string) => c.repeat(64);
const file = (fileId: string, name: string, sha256: string, hashes: string[]) => ({ fileId, name, sha256, hashes });
const input = (submissionId: string, files: FindDuplicatesInput['files'], clientId = 'desk'): FindDuplicatesInput => ({
  clientId,
  submissionId,
  receivedAt: RECEIVED,
  files,
});
const setUp = (store = new InMemoryIngestStore()) =>
  createFindDuplicates(new InMemoryDuplicateIndex({ now: () => new Date('2026-03-02T00:00:00.000Z') }), store);

describe('findDuplicates', () => {
  it('reports a later submission of the same bytes as exact and a look-alike as near, with the distance', async () => {
    const find = setUp();
    expect(await find(input('s1', [file('f1', 'dog.jpg', sha('a'), ['00000000000000f0'])]))).toEqual({ f1: [] });
    const found = await find(
      input('s2', [
        file('f1', 'dog again.jpg', sha('a'), ['00000000000000f0']),
        file('f2', 'dog small.jpg', sha('b'), ['00000000000000f7']),
      ]),
    );
    expect(found).toEqual({
      f1: [{ submissionId: 's1', fileId: 'f1', name: 'dog.jpg', distance: 0, exact: true }],
      f2: [
        { submissionId: 's1', fileId: 'f1', name: 'dog.jpg', distance: 3, exact: false },
        { submissionId: 's2', fileId: 'f1', name: 'dog again.jpg', distance: 3, exact: false },
      ],
    });
  });

  it('names only the earlier of two copies in one submission, on a retry too', async () => {
    const find = setUp();
    const copies = input('s1', [file('f1', 'a.jpg', sha('a'), ['1234567812345678']), file('f2', 'b.jpg', sha('a'), ['1234567812345678'])]);
    const expected = { f1: [], f2: [{ submissionId: 's1', fileId: 'f1', name: 'a.jpg', distance: 0, exact: true }] };
    expect(await find(copies)).toEqual(expected);
    expect(await find(copies)).toEqual(expected);
  });

  it('compares a video by its keyframes, and not by flat frames that every fade yields', async () => {
    const find = setUp();
    const fades = ['0000000000000000', 'ffffffffffffffff'];
    await find(input('s1', [file('f1', 'clip.mp4', sha('a'), ['1111111111111111', '2222222222222222', ...fades])]));
    const found = await find(
      input('s2', [
        file('f1', 'still.jpg', sha('b'), ['2222222222222223']),
        file('f2', 'other.mp4', sha('c'), ['9999999999999999', ...fades]),
      ]),
    );
    expect(found).toEqual({ f1: [{ submissionId: 's1', fileId: 'f1', name: 'clip.mp4', distance: 1, exact: false }], f2: [] });
  });

  it("never reports another client's files", async () => {
    const find = setUp();
    await find(input('s1', [file('f1', 'dog.jpg', sha('a'), ['00000000000000f0'])], 'agency'));
    expect(await find(input('s2', [file('f1', 'dog.jpg', sha('a'), ['00000000000000f0'])]))).toEqual({ f1: [] });
  });

  it('marks the files with an earlier copy on the submission, for the desk’s duplicate filter', async () => {
    const store = new InMemoryIngestStore();
    const find = setUp(store);
    const submitted = (fileId: string) => ({
      fileId,
      name: `${fileId}.jpg`,
      size: 1,
      contentType: 'image/jpeg' as const,
      sha256: sha('a'),
      blob: 'b',
    });
    await store.createSubmission(
      {
        ...{ submissionId: 's2', clientId: 'desk', status: 'processing', channel: 'http', files: [submitted('f1'), submitted('f2')] },
        ...{ webhookUrl: 'https://x.test', priority: 'normal', receivedAt: RECEIVED, updatedAt: RECEIVED, published: true },
      },
      { id: 's2', type: 't', source: '/s', subject: '/s2', time: new Date(), data: {} },
    );
    await find(input('s1', [file('f1', 'dog.jpg', sha('a'), ['00000000000000f0'])]));
    await find(input('s2', [file('f1', 'dog.jpg', sha('a'), ['00000000000000f0']), file('f2', 'cat.jpg', sha('c'), ['ff00ff00ff00ff00'])]));
    const facets = (await store.getSubmission('s2'))!.facets!;
    expect([facets.f1?.duplicate, facets.f2?.duplicate]).toEqual([true, undefined]);
  });
});
