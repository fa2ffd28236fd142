import { afterAll, describe, expect, it } from 'vitest';
import { InMemoryBlobStore } from '../../adapters/blob-store/in-memory-blob-store.js';
import { summaryFixture } from '../../test/support/summary-fixture.js';
import { createReadSummary } from './read-summary.js';

const blobs = new InMemoryBlobStore();
afterAll(() => blobs.close());

describe('readSummary', () => {
  it('reads the summary the submission wrote, for a replay', async () => {
    await blobs.uploadJson('results/s1/summary.json', summaryFixture('s1'));
    expect(await createReadSummary(blobs)('s1')).toEqual(summaryFixture('s1'));
  });

  it('throws when there is no summary (nothing finished, or it was cancelled and cleaned up)', async () => {
    await blobs.uploadJson('results/s2/other.json', {});
    await expect(createReadSummary(blobs)('s2')).rejects.toThrow('no summary for s2');
  });
});
