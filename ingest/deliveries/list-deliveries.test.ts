import { beforeEach, describe, expect, it } from 'vitest';
import {
  expectProblem,
  ingestTestbed,
  invocationContext,
  OTHER_KEY,
  received,
  type IngestTestbed,
} from '../../test/support/ingest-testbed.js';
import { createListDeliveries } from './list-deliveries.js';

let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
});

const list = (id: string, key?: string) =>
  createListDeliveries({ ...tb.deps, deliveries: tb.deliveries })(
    tb.request('GET', `/api/submissions/${id}/deliveries`, { key, params: { id } }),
    invocationContext(),
  );

describe('GET /api/submissions/{id}/deliveries', () => {
  it('lists every attempt in time order and the dead letter without its body', async () => {
    const s = await tb.seed({ status: 'completed' });
    const deliveryId = `${s.submissionId}.webhook`;
    const second = { deliveryId, attempt: 2, at: '2026-03-01T10:01:00.000Z', outcome: 'gone' as const, status: 410, latencyMs: 9 };
    const first = {
      deliveryId,
      attempt: 1,
      at: '2026-03-01T10:00:00.000Z',
      outcome: 'retry' as const,
      status: 503,
      latencyMs: 12,
      error: 'HTTP 503',
    };
    await tb.deliveries.recordAttempt(s.submissionId, second);
    await tb.deliveries.recordAttempt(s.submissionId, first);
    await tb.deliveries.putDeadLetter(s.submissionId, {
      deliveryId,
      body: '{"secret":"summary"}',
      reason: 'HTTP 410',
      at: '2026-03-01T10:01:01.000Z',
    });
    const res = await received(await list(s.submissionId));
    expect(res).toMatchObject({ status: 200 });
    expect(res.body).toEqual({
      submissionId: s.submissionId,
      attempts: [first, second],
      deadLetter: { deliveryId, reason: 'HTTP 410', at: '2026-03-01T10:01:01.000Z' },
    });
  });

  it('answers an empty log for a submission not delivered yet', async () => {
    const s = await tb.seed();
    expect((await received(await list(s.submissionId))).body).toEqual({ submissionId: s.submissionId, attempts: [], deadLetter: null });
  });

  it('answers 404 for another client’s submission', async () => {
    await expectProblem(await list((await tb.seed()).submissionId, OTHER_KEY), 404, 'submission-not-found');
  });
});
