import { beforeEach, describe, expect, it } from 'vitest';
import {
  expectProblem,
  ingestTestbed,
  invocationContext,
  OTHER_KEY,
  received,
  type IngestTestbed,
} from '../../test/support/ingest-testbed.js';
import { createGetSubmission } from './get-submission.js';

let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
});

const get = (id: string, key?: string | null) =>
  createGetSubmission(tb.deps)(tb.request('GET', `/api/submissions/${id}`, { key, params: { id } }), invocationContext());

describe('GET /api/submissions/{id}', () => {
  it('shows the submission with each file’s recorded state, progress, escalations and links', async () => {
    const s = await tb.seed({ status: 'processing', reference: 'story-7', priority: 'urgent' });
    await tb.store.setFileState(s.submissionId, {
      fileId: 'f1',
      state: 'completed',
      escalated: true,
      resultBlob: `results/${s.submissionId}/f1.json`,
      updatedAt: '2026-03-01T10:05:00.000Z',
    });
    const res = await received(await get(s.submissionId));
    expect(res.status).toBe(200);
    const self = `http://localhost:7071/api/submissions/${s.submissionId}`;
    expect(res.body).toEqual({
      submissionId: s.submissionId,
      status: 'processing',
      channel: 'http',
      reference: 'story-7',
      priority: 'urgent',
      receivedAt: s.receivedAt,
      updatedAt: s.updatedAt,
      progress: { done: 1, total: 1 },
      files: [
        {
          fileId: 'f1',
          name: 'a.jpg',
          size: 3,
          contentType: 'image/jpeg',
          sha256: 'a'.repeat(64),
          state: 'completed',
          result: `results/${s.submissionId}/f1.json`,
          escalated: true,
        },
      ],
      // The Durable extension cannot be reached here: the view still answers, without the orchestration.
      orchestration: null,
      escalations: [{ fileId: 'f1', reason: 'analysis-timeout', state: 'completed' }],
      links: { self, events: `${self}/events`, deliveries: `${self}/deliveries`, summary: null },
    });
  });

  it('shows a file as received before the orchestration started, and links the summary once finished', async () => {
    const fresh = await received<{ files: { state: string }[] }>(await get((await tb.seed()).submissionId));
    expect(fresh.body.files[0]!.state).toBe('received');
    const done = await tb.seed({ status: 'partial' });
    const res = await received<{ links: { summary: string } }>(await get(done.submissionId));
    expect(res.body.links.summary).toBe(`results/${done.submissionId}/summary.json`);
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
