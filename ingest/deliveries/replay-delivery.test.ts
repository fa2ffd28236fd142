import { beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, ingestTestbed, invocationContext, OTHER_KEY, type IngestTestbed } from '../../test/support/ingest-testbed.js';
import { createReplayDelivery } from './replay-delivery.js';

const settings: Parameters<typeof createReplayDelivery>[0]['settings'] = {
  analysisTimeoutMs: { normal: 60_000, urgent: 30_000 },
  graceMs: 60_000,
  delivery: { firstRetryMs: 1000, maxRetryMs: 60_000, windowMs: 3_600_000 },
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

  it('names the next delivery id after those already made, and answers 409 when it cannot be started', async () => {
    const s = await tb.seed({ status: 'completed' });
    for (const deliveryId of [`${s.submissionId}.webhook`, `${s.submissionId}.2`])
      await tb.deliveries.recordAttempt(s.submissionId, {
        deliveryId,
        attempt: 1,
        at: '2026-03-01T10:00:00.000Z',
        outcome: 'gone',
        latencyMs: 1,
      });
    const { body } = await expectProblem(await replay(s.submissionId), 409, 'replay-in-progress');
    expect(body.detail).toBe(`Delivery ${s.submissionId}.3 is already being sent.`);
  });

  it('answers 404 for another client’s submission', async () => {
    await expectProblem(await replay((await tb.seed({ status: 'completed' })).submissionId, OTHER_KEY), 404, 'submission-not-found');
  });
});
