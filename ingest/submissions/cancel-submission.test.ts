import { beforeEach, describe, expect, it } from 'vitest';
import {
  expectProblem,
  ingestTestbed,
  invocationContext,
  OTHER_KEY,
  received,
  type IngestTestbed,
} from '../../test/support/ingest-testbed.js';
import { createCancelSubmission } from './cancel-submission.js';

const settings: Parameters<typeof createCancelSubmission>[0]['settings'] = {
  analysisTimeoutMs: { normal: 60_000, urgent: 30_000 },
  graceMs: 60_000,
  delivery: { firstRetryMs: 1000, maxRetryMs: 60_000, windowMs: 3_600_000 },
  activityRetry: { firstRetryMs: 1000, maxRetryMs: 60_000, windowMs: 3_600_000 },
  publicUrl: 'http://127.0.0.1:7071',
};

let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
});

const cancel = (id: string, key?: string) =>
  createCancelSubmission({ ...tb.deps, settings })(
    tb.request('DELETE', `/api/submissions/${id}`, { key, params: { id } }),
    invocationContext(),
  );

describe('DELETE /api/submissions/{id}', () => {
  it('marks a running submission cancelled and answers 202, even while the Durable extension is unreachable', async () => {
    const s = await tb.seed({ status: 'processing' });
    const res = await received(await cancel(s.submissionId));
    expect(res).toMatchObject({ status: 202, body: { submissionId: s.submissionId, status: 'cancelled' } });
    expect((await tb.store.getSubmission(s.submissionId))?.status).toBe('cancelled');
  });

  it.each(['completed', 'partial', 'failed', 'cancelled'] as const)(
    'answers 409 for a submission already %s, and leaves it so',
    async (status) => {
      const s = await tb.seed({ status });
      await expectProblem(await cancel(s.submissionId), 409, 'already-finished');
      expect((await tb.store.getSubmission(s.submissionId))?.status).toBe(status);
    },
  );

  it('answers 404 for another client’s submission, and leaves it running', async () => {
    const s = await tb.seed({ status: 'processing' });
    await expectProblem(await cancel(s.submissionId, OTHER_KEY), 404, 'submission-not-found');
    expect((await tb.store.getSubmission(s.submissionId))?.status).toBe('processing');
  });
});
