import { beforeEach, describe, expect, it } from 'vitest';
import type { PipelineSettings } from '../../contracts/orchestrations.js';
import {
  API_KEY,
  EDITOR_KEY,
  expectProblem,
  ingestTestbed,
  invocationContext,
  received,
  type IngestTestbed,
} from '../../test/support/ingest-testbed.js';
import { createStaffCancel } from './staff-cancel.js';
import { createStaffReplay } from './staff-replay.js';

const settings: PipelineSettings = {
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

const editor = { authorization: `Bearer ${EDITOR_KEY}` };
const cancel = (id: string, headers: Record<string, string> = editor, key: string | null = null) =>
  createStaffCancel({ ...tb.deps, settings })(
    tb.request('POST', `/api/staff/submissions/${id}/cancel`, { key, headers, params: { id } }),
    invocationContext(),
  );
const replay = (id: string, deliveryId: string, headers: Record<string, string> = editor, key: string | null = null) =>
  createStaffReplay({ ...tb.deps, deliveries: tb.deliveries, settings })(
    tb.request('POST', `/api/staff/submissions/${id}/deliveries/${deliveryId}/replay`, { key, headers, params: { id, deliveryId } }),
    invocationContext(),
  );
const delivered = (submissionId: string) =>
  tb.deliveries.recordAttempt(submissionId, {
    deliveryId: `${submissionId}.1`,
    attempt: 1,
    at: '2026-03-01T10:01:00.000Z',
    outcome: 'delivered',
    status: 200,
    latencyMs: 12,
  });

const refusals = [
  ['no credential', {}, null, 401, 'staff-sign-in-required'],
  ['an unknown editor key', { authorization: 'Bearer nd_editor_not-a-key' }, null, 401, 'invalid-staff-key'],
  ["a client's API key, even the owner's", {}, API_KEY, 403, 'staff-only'],
] as const;

describe('POST /api/staff/submissions/{id}/cancel', () => {
  it("cancels any client's running submission, as its client would", async () => {
    const s = await tb.seed({ status: 'processing', clientId: 'other' });
    const res = await received(await cancel(s.submissionId));
    expect(res).toMatchObject({ status: 202, body: { submissionId: s.submissionId, status: 'cancelled' } });
    expect((await tb.store.getSubmission(s.submissionId))?.status).toBe('cancelled');
  });

  it.each(refusals)('refuses %s, and leaves the submission running', async (_what, headers, key, status, code) => {
    const s = await tb.seed({ status: 'processing' });
    await expectProblem(await cancel(s.submissionId, headers, key), status, code);
    expect((await tb.store.getSubmission(s.submissionId))?.status).toBe('processing');
  });

  it.each(['s-nope', '../s'])('answers 404 for %s', async (id) => {
    await expectProblem(await cancel(id), 404, 'submission-not-found');
  });

  it.each(['completed', 'partial', 'failed', 'cancelled'] as const)(
    'answers 409 for a submission already %s, and leaves it so',
    async (status) => {
      const s = await tb.seed({ status });
      await expectProblem(await cancel(s.submissionId), 409, 'already-finished');
      expect((await tb.store.getSubmission(s.submissionId))?.status).toBe(status);
    },
  );
});

// Starting the replay's orchestration needs the Durable extension: test/integration/orchestration.test.ts replays one.
describe('POST /api/staff/submissions/{id}/deliveries/{deliveryId}/replay', () => {
  it("replays a listed delivery of any client's finished submission under the next delivery id", async () => {
    const s = await tb.seed({ status: 'completed', clientId: 'other' });
    await delivered(s.submissionId);
    // The orchestration cannot start here, so the answer is 409; its detail names the id the replay was given.
    const { body } = await expectProblem(await replay(s.submissionId, `${s.submissionId}.1`), 409, 'replay-in-progress');
    expect(body.detail).toBe(`Delivery ${s.submissionId}.2 is already being sent.`);
  });

  it('replays a dead-lettered delivery', async () => {
    const s = await tb.seed({ status: 'completed' });
    await tb.deliveries.putDeadLetter(s.submissionId, {
      deliveryId: `${s.submissionId}.1`,
      body: '{}',
      reason: '503',
      at: '2026-03-01T11:00:00Z',
    });
    await expectProblem(await replay(s.submissionId, `${s.submissionId}.1`), 409, 'replay-in-progress');
  });

  it.each(refusals)('refuses %s, and allocates no delivery', async (_what, headers, key, status, code) => {
    const s = await tb.seed({ status: 'completed' });
    await delivered(s.submissionId);
    await expectProblem(await replay(s.submissionId, `${s.submissionId}.1`, headers, key), status, code);
    expect(await tb.deliveries.allocateDeliveryNumber(s.submissionId)).toBe(2);
  });

  it('answers 404 for an unknown submission, and for a delivery the submission never had', async () => {
    await expectProblem(await replay('s-nope', 's-nope.1'), 404, 'submission-not-found');
    const s = await tb.seed({ status: 'completed' });
    await delivered(s.submissionId);
    await expectProblem(await replay(s.submissionId, `${s.submissionId}.7`), 404, 'delivery-not-found');
    await expectProblem(await replay(s.submissionId, 'other.1'), 404, 'delivery-not-found');
    expect(await tb.deliveries.allocateDeliveryNumber(s.submissionId)).toBe(2);
  });

  it.each([
    ['processing', 'not-finished'],
    ['cancelled', 'cancelled'],
  ] as const)('answers 409 for a submission %s', async (status, code) => {
    const s = await tb.seed({ status });
    await delivered(s.submissionId);
    await expectProblem(await replay(s.submissionId, `${s.submissionId}.1`), 409, code);
  });
});
