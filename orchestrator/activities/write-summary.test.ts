import { afterAll, describe, expect, it } from 'vitest';
import { InMemoryBlobStore } from '../../adapters/blob-store/in-memory-blob-store.js';
import { summaryFixture } from '../../test/support/summary-fixture.js';
import { createWriteSummary } from './write-summary.js';

const blobs = new InMemoryBlobStore();
afterAll(() => blobs.close());
const summary = summaryFixture('s1');

describe('writeSummary', () => {
  it('writes results/{submissionId}/summary.json without the trace context, and returns its name', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    expect(await createWriteSummary(blobs)({ ...summary, traceparent })).toBe('results/s1/summary.json');
    expect(await blobs.readJson('results/s1/summary.json')).toEqual(summary);
    expect(await blobs.info('results/s1/summary.json')).toMatchObject({ contentType: 'application/json' });
  });

  it('writes the same blob again on a retry, the last summary winning', async () => {
    const write = createWriteSummary(blobs);
    await write({ ...summary, submissionId: 's2', status: 'partial' });
    await write({ ...summary, submissionId: 's2', status: 'failed' });
    expect(await blobs.list('results/s2/')).toEqual(['results/s2/summary.json']);
    expect(await blobs.readJson('results/s2/summary.json')).toMatchObject({ status: 'failed' });
  });
});
