import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InMemoryBlobStore } from '../../adapters/blob-store/in-memory-blob-store.js';
import { createCompensateSubmission } from './compensate-submission.js';

/** Two submissions' originals and results, as ingest and the workers leave them. */
async function stored(): Promise<InMemoryBlobStore> {
  const blobs = new InMemoryBlobStore();
  const put = (path: string, text: string, contentType = 'image/jpeg', metadata?: Record<string, string>) =>
    blobs.upload(path, Readable.from([Buffer.from(text)]), { contentType, metadata });
  await put('incoming/s1/f1', 'photo one', 'image/jpeg', { sha256: 'abc' });
  await put('incoming/s1/f2', 'video two', 'video/mp4');
  await put('results/s1/f1/analysis.json', '{}', 'application/json');
  await put('incoming/s10/f1', 'another submission');
  await put('results/s10/summary.json', '{}', 'application/json');
  return blobs;
}

describe('compensateSubmission', () => {
  it("deletes the submission's originals and results, and nothing of another submission", async () => {
    const blobs = await stored();
    expect(await createCompensateSubmission({ blobs, retain: false })('s1')).toEqual({ deleted: 3, retained: 0 });
    expect(blobs.paths()).toEqual(['incoming/s10/f1', 'results/s10/summary.json']);
  });

  it('with retain, moves the originals to retention/ first, type and metadata kept', async () => {
    const blobs = await stored();
    expect(await createCompensateSubmission({ blobs, retain: true })('s1')).toEqual({ deleted: 3, retained: 2 });
    expect(blobs.paths()).toEqual(['incoming/s10/f1', 'results/s10/summary.json', 'retention/s1/f1', 'retention/s1/f2']);
    expect(await blobs.info('retention/s1/f1')).toEqual({ size: 9, contentType: 'image/jpeg', metadata: { sha256: 'abc' } });
    expect((await blobs.read('retention/s1/f2')).read().toString()).toBe('video two');
  });

  it('finds less to do when it runs again', async () => {
    const blobs = await stored();
    const compensate = createCompensateSubmission({ blobs, retain: true });
    await compensate('s1');
    expect(await compensate('s1')).toEqual({ deleted: 0, retained: 0 });
    expect(blobs.paths()).toHaveLength(4);
  });
});
