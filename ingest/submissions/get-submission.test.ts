import { beforeEach, describe, expect, it } from 'vitest';
import {
  expectProblem,
  ingestTestbed,
  invocationContext,
  OTHER_KEY,
  received,
  type IngestTestbed,
} from '../../test/support/ingest-testbed.js';
import { scriptedAnalysis } from '../../test/support/scripted-analysis.js';
import { createGetSubmission } from './get-submission.js';
import { manualAnalysisFixture } from '../../test/support/summary-fixture.js';

let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
});

const get = (id: string, key?: string | null) =>
  createGetSubmission(tb.deps)(tb.request('GET', `/api/submissions/${id}`, { key, params: { id } }), invocationContext());

describe('GET /api/submissions/{id}', () => {
  it('shows the submission with each file’s recorded state, its analysis and links, progress and escalations', async () => {
    const s = await tb.seed({ status: 'processing', reference: 'story-7', priority: 'urgent' });
    const analysis = scriptedAnalysis('photo');
    await tb.store.setFileState(s.submissionId, {
      fileId: 'f1',
      state: 'completed',
      escalated: true,
      resultBlob: `results/${s.submissionId}/f1/analysis.json`,
      analysis,
      updatedAt: '2026-03-01T10:05:00.000Z',
    });
    const res = await received(await get(s.submissionId));
    expect(res.status).toBe(200);
    const self = `http://localhost:7071/api/submissions/${s.submissionId}`;
    // A file's recorded state moves the submission's updatedAt on.
    const { updatedAt } = (await tb.store.getSubmission(s.submissionId))!;
    expect(updatedAt > s.updatedAt).toBe(true);
    expect(res.body).toEqual({
      submissionId: s.submissionId,
      status: 'processing',
      channel: 'http',
      reference: 'story-7',
      priority: 'urgent',
      receivedAt: s.receivedAt,
      updatedAt,
      progress: { done: 1, total: 1 },
      files: [
        {
          fileId: 'f1',
          name: 'a.jpg',
          contentType: 'image/jpeg',
          size: 3,
          sha256: 'a'.repeat(64),
          state: 'completed',
          escalated: true,
          reason: null,
          analysis,
          duplicates: [],
          links: {
            original: `${self}/files/f1/original`,
            analysis: `${self}/files/f1/analysis`,
            thumbnail320: `${self}/files/f1/thumbnail-320`,
            thumbnail1280: `${self}/files/f1/thumbnail-1280`,
          },
        },
      ],
      // The Durable extension cannot be reached here: the view still answers, without the orchestration.
      orchestration: null,
      escalations: [{ fileId: 'f1', reason: 'analysis-timeout', state: 'completed' }],
      links: { self, events: `${self}/events`, deliveries: `${self}/deliveries` },
    });
  });

  it('shows a file as received before the orchestration started', async () => {
    const fresh = await received<{ files: { state: string; analysis: unknown; links: object }[] }>(
      await get((await tb.seed()).submissionId),
    );
    expect(fresh.body.files[0]).toMatchObject({ state: 'received', analysis: null });
    expect(Object.keys(fresh.body.files[0]!.links)).toEqual(['original']);
  });

  it('shows a cancelled submission’s files as its cancelled webhook did: failed, with nothing left to link to', async () => {
    const s = await tb.seed({ status: 'cancelled' });
    // The file had finished before the cancel: compensation removed its results since.
    await tb.store.setFileState(s.submissionId, {
      fileId: 'f1',
      state: 'completed',
      analysis: manualAnalysisFixture(),
      updatedAt: new Date().toISOString(),
    });
    const res = await received<{ files: { state: string; reason: string; analysis: unknown; links: object }[] }>(await get(s.submissionId));
    expect(res.body.files[0]).toMatchObject({ state: 'failed', reason: 'cancelled by the client', analysis: null, links: {} });
  });

  it('takes each file from the delivered summary once the submission ended', async () => {
    const s = await tb.seed({ status: 'partial' });
    const file = { fileId: 'f1', name: 'a.jpg', contentType: 'image/jpeg', size: 3, sha256: 'a'.repeat(64) };
    const delivered = {
      ...file,
      state: 'timed-out',
      escalated: true,
      reason: 'No analysis arrived in time.',
      analysis: null,
      duplicates: [],
      links: {},
    };
    await tb.blobs.uploadJson(`results/${s.submissionId}/summary.json`, {
      ...{ schemaVersion: 1, submissionId: s.submissionId, clientId: 'desk', reference: null, status: 'partial' },
      ...{ receivedAt: s.receivedAt, completedAt: s.receivedAt, files: [delivered], links: { submission: 'http://h/api/submissions/x' } },
    });
    const res = await received<{ files: object[] }>(await get(s.submissionId));
    expect(res.body.files[0]).toMatchObject({
      state: 'timed-out',
      escalated: true,
      reason: 'No analysis arrived in time.',
      analysis: null,
    });
  });

  it.each([
    ['another client’s submission', () => tb.seed().then((s) => get(s.submissionId, OTHER_KEY))],
    ['an unknown id', () => get('s-does-not-exist')],
    ['an id that cannot be one', () => get('../etc')],
  ])('answers 404 for %s', async (_what, call) => {
    await expectProblem(await call(), 404, 'submission-not-found');
  });

  it('answers 401 without an API key', async () => {
    await expectProblem(await get((await tb.seed()).submissionId, null), 401, 'missing-api-key');
  });
});
