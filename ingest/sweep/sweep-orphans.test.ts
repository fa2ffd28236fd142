import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InMemoryBlobStore } from '../../adapters/blob-store/in-memory-blob-store.js';
import { InMemoryIngestStore } from '../../adapters/ingest-store/in-memory-ingest-store.js';
import type { SubmissionRecord } from '../../adapters/ingest-store/ingest-store.js';
import { incomingBlobOf } from '../../contracts/ids.js';
import { sweepOrphans } from './sweep-orphans.js';

const HOUR = 3_600_000;

async function world() {
  const blobs = new InMemoryBlobStore();
  const store = new InMemoryIngestStore();
  const put = (path: string) => blobs.upload(path, Readable.from([Buffer.from('x')]));
  const record = (submissionId: string): SubmissionRecord => ({
    submissionId,
    clientId: 'desk',
    status: 'processing',
    channel: 'http',
    files: [],
    webhookUrl: 'https://example.test/hook',
    priority: 'normal',
    receivedAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    published: true,
  });
  return { blobs, store, put, record };
}

describe('sweepOrphans', () => {
  it('deletes old incoming/ blobs that no submission or open upload session owns, and nothing else', async () => {
    const { blobs, store, put, record } = await world();
    for (const p of [incomingBlobOf('s-dead', 'f1'), incomingBlobOf('s-dead', 'f2'), incomingBlobOf('s-live', 'f1')]) await put(p);
    for (const p of [incomingBlobOf('u-open', 'f1'), incomingBlobOf('u-expired', 'f1'), 'results/s-dead/summary.json']) await put(p);
    await store.createSubmission(record('s-live'), { id: 's-live', type: 't', source: '/s', subject: '/s', time: new Date(), data: {} });
    const now = new Date(Date.now() + 2 * HOUR);
    const session = (sessionId: string, expiresAt: Date) =>
      store.putUploadSession({
        sessionId,
        clientId: 'desk',
        files: [],
        webhookUrl: 'https://example.test/hook',
        priority: 'normal',
        expiresAt: expiresAt.toISOString(),
        state: 'open',
      });
    await session('u-open', new Date(now.getTime() + 60_000));
    await session('u-expired', new Date(now.getTime() - 60_000));

    const report = await sweepOrphans({ blobs, store, orphanAfterMs: HOUR, now: () => now });

    expect(report).toEqual({
      examined: 5,
      deleted: [incomingBlobOf('s-dead', 'f1'), incomingBlobOf('s-dead', 'f2'), incomingBlobOf('u-expired', 'f1')],
    });
    expect(blobs.paths().sort()).toEqual([incomingBlobOf('s-live', 'f1'), incomingBlobOf('u-open', 'f1'), 'results/s-dead/summary.json']);
  });

  it('keeps orphans younger than the threshold, and two sweeps at once delete each blob once', async () => {
    const { blobs, store, put } = await world();
    await put(incomingBlobOf('s-young', 'f1'));
    expect(await sweepOrphans({ blobs, store, orphanAfterMs: HOUR, now: () => new Date() })).toEqual({ examined: 1, deleted: [] });
    for (let i = 0; i < 30; i++) await put(incomingBlobOf(`s-${i}`, 'f1'));
    const later = { blobs, store, orphanAfterMs: HOUR, now: () => new Date(Date.now() + 2 * HOUR) };
    const [a, b] = await Promise.all([sweepOrphans(later), sweepOrphans(later)]);
    expect(a.deleted.length + b.deleted.length).toBe(31);
    expect(new Set([...a.deleted, ...b.deleted]).size).toBe(31);
    expect(blobs.paths()).toEqual([]);
  });
});
