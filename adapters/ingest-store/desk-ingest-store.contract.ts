import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { PhotoAnalysis } from '../../contracts/file-analysis.js';
import type { IngestStore, SubmissionRecord } from './ingest-store.js';

const photo = (fileId: string) => ({
  fileId,
  name: `${fileId}.jpg`,
  size: 3,
  contentType: 'image/jpeg' as const,
  sha256: 'a'.repeat(64),
  blob: `incoming/x/${fileId}`,
});

const record = (clientId: string, receivedAt: string): SubmissionRecord => ({
  ...{ submissionId: `s${randomUUID().replace(/-/g, '')}`, clientId, status: 'received', channel: 'http' },
  ...{ files: [photo('f1'), photo('f2')], webhookUrl: 'https://example.test/hook', priority: 'normal' },
  ...{ receivedAt, updatedAt: receivedAt, published: false },
});

const analysis: PhotoAnalysis = {
  ...{ source: 'worker', mediaType: 'photo', perceptualHash: '0123456789abcdef', classified: true, caption: 'a dog' },
  ...{ tags: ['dog', 'bicycle'], objects: [], people: 0, text: [], safety: null },
  topics: [{ code: 'medtop:20000106', name: 'animal', confidence: 0.9 }],
  ...{ width: 10, height: 10, format: 'jpeg', capturedAt: null, byline: 'Ana Photographer', credit: null, copyright: null },
  ...{ description: null, headline: null, keywords: [], city: null, country: null, gps: null, camera: null },
};

const event = (id: string) => ({ id, type: 't', source: '/s', subject: `/submissions/${id}`, time: new Date(), data: {} });

/** The desk's part of the IngestStore contract (issue 13), run inside ingestStoreContract's describe. */
export function deskIngestStoreContract(make: () => IngestStore): void {
  it('lists every client’s submissions newest first, a page at a time, within from/to and a match', async () => {
    const store = make();
    const run = randomUUID();
    const mine = (r: SubmissionRecord) => r.clientId.endsWith(run);
    const records = [
      record(`a-${run}`, '2026-02-01T10:00:00.000Z'),
      record(`b-${run}`, '2026-02-01T11:00:00.000Z'),
      record(`a-${run}`, '2026-02-01T12:00:00.000Z'),
    ];
    for (const r of records) await store.createSubmission(r, event(r.submissionId));
    const ids = records.map((r) => r.submissionId).reverse();
    const first = await store.listAllSubmissions({ limit: 2, match: mine });
    expect(first.submissions.map((s) => s.submissionId)).toEqual(ids.slice(0, 2));
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await store.listAllSubmissions({ limit: 2, match: mine, cursor: first.nextCursor! });
    expect(second).toEqual({ submissions: [expect.objectContaining({ submissionId: ids[2] })], nextCursor: null });
    const bounded = await store.listAllSubmissions({
      ...{ limit: 10, match: mine },
      ...{ from: '2026-02-01T10:30:00.000Z', to: '2026-02-01T11:00:00.000Z' },
    });
    expect(bounded.submissions.map((s) => s.submissionId)).toEqual([records[1]!.submissionId]);
    const onlyA = await store.listAllSubmissions({ limit: 10, match: (r) => r.clientId === `a-${run}` });
    expect(onlyA.submissions.map((s) => s.submissionId)).toEqual([ids[0], ids[2]]);
  });

  it('keeps each file’s first time per state and its facets on the submission, and when each status began', async () => {
    const store = make();
    const r = record(`c-${randomUUID()}`, '2026-02-01T10:00:00.000Z');
    await store.createSubmission(r, event(r.submissionId));
    await store.updateSubmission(r.submissionId, { status: 'processing' });
    await store.updateSubmission(r.submissionId, { status: 'processing' });
    await store.setFileState(r.submissionId, { fileId: 'f1', state: 'escalated', escalated: true, updatedAt: '2026-02-01T10:01:00.000Z' });
    await store.setFileState(r.submissionId, {
      ...{ fileId: 'f1', state: 'completed', escalated: true, analysis },
      ...{
        updatedAt: '2026-02-01T10:02:00.000Z',
        resolution: { by: { id: 'e1', name: 'Ed' }, at: '2026-02-01T10:02:00.000Z', outcome: 'analysed' },
      },
    });
    await store.setFileState(r.submissionId, {
      fileId: 'f1',
      state: 'completed',
      escalated: true,
      analysis,
      updatedAt: '2026-02-01T10:05:00.000Z',
    });
    // A conditional write (the orchestration's, an editor's) keeps the times and facets up to date as well.
    const failed = { fileId: 'f2', state: 'failed' as const, reason: 'corrupt', updatedAt: '2026-02-01T10:03:00.000Z' };
    await store.updateFileState(r.submissionId, 'f2', () => failed);
    await store.setDuplicates(r.submissionId, ['f1']);
    const states = await store.fileStates(r.submissionId);
    expect(states.f1!.since).toEqual({ escalated: '2026-02-01T10:01:00.000Z', completed: '2026-02-01T10:02:00.000Z' });
    expect(states.f2!.since).toEqual({ failed: '2026-02-01T10:03:00.000Z' });
    const stored = (await store.getSubmission(r.submissionId))!;
    expect(stored.facets).toEqual({
      f1: {
        state: 'completed',
        escalated: true,
        topics: ['animal'],
        labels: ['dog', 'bicycle'],
        bylines: ['Ana Photographer'],
        duplicate: true,
      },
      f2: { state: 'failed', escalated: false, topics: [], labels: [], bylines: [], duplicate: false },
    });
    expect(Object.keys(stored.statusSince ?? {})).toEqual(['processing']);
    expect(stored.updatedAt > r.updatedAt).toBe(true);
    // The listing's copy follows every change.
    const listed = await store.listAllSubmissions({ limit: 1, match: (s) => s.submissionId === r.submissionId });
    expect(listed.submissions).toEqual([stored]);
    // A file state of a submission the store does not hold is kept, and nothing else is written.
    await store.setFileState(`missing-${r.submissionId}`, { fileId: 'f1', state: 'queued', updatedAt: '2026-02-01T10:00:00.000Z' });
    expect(await store.getSubmission(`missing-${r.submissionId}`)).toBeUndefined();
  });

  it('finds the submissions changed since a time, oldest change first, as they are now', async () => {
    const store = make();
    const clientId = `d-${randomUUID()}`;
    const [older, newer] = [record(clientId, '2026-02-01T10:00:00.000Z'), record(clientId, '2026-02-01T11:00:00.000Z')];
    await store.createSubmission(older, event(older.submissionId));
    await store.createSubmission(newer, event(newer.submissionId));
    const since = new Date().toISOString();
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
    await tick();
    await store.updateSubmission(newer.submissionId, { status: 'processing' });
    await tick();
    await store.updateSubmission(older.submissionId, { status: 'cancelled' });
    const changed = (await store.changedSubmissions(since, 1000)).filter((s) => s.clientId === clientId);
    expect(changed.map((s) => [s.submissionId, s.status])).toEqual([
      [newer.submissionId, 'processing'],
      [older.submissionId, 'cancelled'],
    ]);
    expect(
      (await store.changedSubmissions(new Date(Date.now() + 60_000).toISOString(), 1000)).filter((s) => s.clientId === clientId),
    ).toEqual([]);
  });
}
