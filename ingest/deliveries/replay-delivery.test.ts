import { beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, ingestTestbed, invocationContext, OTHER_KEY, type IngestTestbed } from '../../test/support/ingest-testbed.js';
import { createReplayDelivery } from './replay-delivery.js';

const settings: Parameters<typeof createReplayDelivery>[0]['settings'] = {
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

const replay = (id: string, key?: string) =>
  createReplayDelivery({ ...tb.deps, deliveries: tb.deliveries, settings })(
    tb.request('POST', `/api/submissions/${id}/deliveries/replay`, { key, params: { id } }),
    invocationContext(),
  );

// Starting the replay's orchestration needs the Durable extension: test/integration/orchestration.test.ts replays one.
describe('POST /api/submissions/{id}/deliveries/replay', () => {
  it.each(['received', 'processing'] as const)('answers 409 while the submission is %s: there is no summary yet', async (status) => {
    await expectProblem(await replay((await tb.seed({ status })).submissionId), 409, 'not-finished');
  });

  it('answers 409 for a cancelled submission: its one notice went out and its results are gone', async () => {
    const { submissionId } = await tb.seed({ status: 'cancelled' });
    await expectProblem(await replay(submissionId), 409, 'cancelled');
    expect(await tb.deliveries.listAttempts(submissionId)).toEqual([]);
  });

  it('names a replay <sid>.2 while the first delivery’s attempt is still under way (not yet recorded), never <sid>.1', async () => {
    const { submissionId } = await tb.seed({ status: 'completed' });
    expect(await tb.deliveries.listAttempts(submissionId)).toEqual([]);
    // Starting the orchestration needs the Durable extension, so the answer is 409; its detail names the allocated id.
    const { body } = await expectProblem(await replay(submissionId), 409, 'replay-in-progress');
    expect(body.detail).toBe(`Delivery ${submissionId}.2 is already being sent.`);
  });

  it('gives concurrent replays distinct delivery ids', async () => {
    const { submissionId } = await tb.seed({ status: 'completed' });
    const answers = await Promise.all([replay(submissionId), replay(submissionId), replay(submissionId)]);
    const details = await Promise.all(answers.map(async (a) => (await expectProblem(a, 409, 'replay-in-progress')).body.detail));
    expect([...details].sort()).toEqual([2, 3, 4].map((n) => `Delivery ${submissionId}.${n} is already being sent.`));
  });

  it('answers 404 for another client’s submission', async () => {
    await expectProblem(await replay((await tb.seed({ status: 'completed' })).submissionId, OTHER_KEY), 404, 'submission-not-found');
  });
});
