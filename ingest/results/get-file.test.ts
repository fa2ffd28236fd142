import { beforeEach, describe, expect, it } from 'vitest';
import { summaryBlobOf } from '../../contracts/ids.js';
import { manualAnalysis } from '../../contracts/file-analysis.js';
import { fileSummary } from '../../contracts/submission-summary.js';
import {
  expectProblem,
  ingestTestbed,
  invocationContext,
  OTHER_KEY,
  received,
  type IngestTestbed,
} from '../../test/support/ingest-testbed.js';
import { KEYFRAMES, seedAnalysedSubmission } from '../../test/support/stored-results.js';
import { createGetFile } from './get-file.js';

let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
});

const call = async (id: string, fileId: string, key?: string | null) =>
  createGetFile(tb.deps)(tb.request('GET', `/api/submissions/${id}/files/${fileId}`, { key, params: { id, fileId } }), invocationContext());
const get = async (id: string, fileId: string, key?: string | null) => received(await call(id, fileId, key));

describe('GET /api/submissions/{id}/files/{fileId}', () => {
  it('gives a done file in the webhook’s shape, with links and the complete analysis.json', async () => {
    const { record, photo, photoResult, videoResult, video } = await seedAnalysedSubmission(tb);
    const base = `http://localhost:7071/api/submissions/${record.submissionId}/files`;
    const res = await get(record.submissionId, 'f1');
    expect(res.status).toBe(200);
    const { result, ...view } = res.body;
    // Every field a webhook's file has, valid by the published schema.
    expect(fileSummary.parse(view)).toEqual(view);
    expect(view).toEqual({
      fileId: 'f1',
      name: 'police cars.jpg',
      contentType: 'image/jpeg',
      size: record.files[0]!.size,
      sha256: 'a'.repeat(64),
      state: 'completed',
      escalated: false,
      reason: null,
      analysis: photo,
      duplicates: [],
      links: {
        original: `${base}/f1/original`,
        analysis: `${base}/f1/analysis`,
        thumbnail320: `${base}/f1/thumbnail-320`,
        thumbnail1280: `${base}/f1/thumbnail-1280`,
      },
    });
    // Every object box, as the worker wrote it.
    expect(result).toEqual(photoResult);

    const videoView = await get(record.submissionId, 'f2');
    expect(videoView.body).toMatchObject({ analysis: video, result: videoResult });
    expect((videoView.body.result as typeof videoResult).keyframes.map((k) => k.timestampSeconds)).toEqual([0, 3.5, 7]);
    expect((videoView.body.links as { keyframes: string[] }).keyframes).toHaveLength(KEYFRAMES);
  });

  it('takes the delivered summary’s entry as the final word once it is written', async () => {
    const { record } = await seedAnalysedSubmission(tb);
    const first = fileSummary.parse({ ...(await get(record.submissionId, 'f1')).body, escalated: true });
    const duplicates = [{ submissionId: 'sEarlier', fileId: 'f3', name: 'same.jpg', distance: 0, exact: true }];
    await tb.blobs.uploadJson(summaryBlobOf(record.submissionId), {
      schemaVersion: 1,
      submissionId: record.submissionId,
      clientId: 'desk',
      reference: null,
      status: 'completed',
      receivedAt: record.receivedAt,
      completedAt: record.receivedAt,
      files: [{ ...first, duplicates }, (await get(record.submissionId, 'f2')).body],
      links: { submission: `http://localhost:7071/api/submissions/${record.submissionId}` },
    });
    // Before the submission is marked ended, no summary is read.
    expect((await get(record.submissionId, 'f1')).body).toMatchObject({ escalated: false, duplicates: [] });
    await tb.store.updateSubmission(record.submissionId, { status: 'completed' });
    expect((await get(record.submissionId, 'f1')).body).toMatchObject({ escalated: true, duplicates });
  });

  it('gives a file in progress its state, no analysis and only the original’s link', async () => {
    const s = await tb.seed();
    const res = await get(s.submissionId, 'f1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'received',
      reason: null,
      analysis: null,
      result: null,
      links: { original: `http://localhost:7071/api/submissions/${s.submissionId}/files/f1/original` },
    });
    expect(Object.keys(res.body.links as object)).toEqual(['original']);
    await tb.store.updateSubmission(s.submissionId, { status: 'processing' });
    await tb.store.setFileState(s.submissionId, { fileId: 'f1', state: 'escalated', escalated: true, updatedAt: s.receivedAt });
    expect((await get(s.submissionId, 'f1')).body).toMatchObject({ state: 'escalated', escalated: true, analysis: null });
  });

  it('gives a failed file its reason, and a person’s analysis with no analysis.json', async () => {
    const s = await tb.seed({ status: 'processing' });
    await tb.store.setFileState(s.submissionId, {
      fileId: 'f1',
      state: 'failed',
      reason: 'The file is not a readable JPEG.',
      updatedAt: s.receivedAt,
    });
    expect((await get(s.submissionId, 'f1')).body).toMatchObject({
      state: 'failed',
      reason: 'The file is not a readable JPEG.',
      analysis: null,
    });
    const manual = manualAnalysis.parse({ caption: 'Firefighters at a barn', tags: ['fire'] });
    await tb.store.setFileState(s.submissionId, {
      fileId: 'f1',
      state: 'completed',
      escalated: true,
      analysis: manual,
      updatedAt: s.receivedAt,
    });
    const res = await get(s.submissionId, 'f1');
    expect(res.body).toMatchObject({ state: 'completed', analysis: manual, result: null });
    expect(Object.keys(res.body.links as object)).toEqual(['original']);
  });

  describe('bad input', () => {
    it('answers 404 for another client’s, an unknown or a malformed submission', async () => {
      const s = await tb.seed();
      await expectProblem(await call(s.submissionId, 'f1', OTHER_KEY), 404, 'submission-not-found');
      await expectProblem(await call('s-does-not-exist', 'f1'), 404, 'submission-not-found');
      await expectProblem(await call('../etc', 'f1'), 404, 'submission-not-found');
    });

    it('answers 404 for an unknown or malformed file id, naming the files there are', async () => {
      const s = await tb.seed();
      const { body } = await expectProblem(await call(s.submissionId, 'f2'), 404, 'file-not-found');
      expect(body.detail).toBe(`No file 'f2' in submission '${s.submissionId}'; it has f1.`);
      await expectProblem(await call(s.submissionId, '%00'), 404, 'file-not-found');
    });

    it('answers 401 without a key', async () => {
      await expectProblem(await call((await tb.seed()).submissionId, 'f1', null), 401, 'missing-api-key');
    });
  });
});
