import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryEventDeadLetters } from '../../adapters/event-dead-letters/in-memory-event-dead-letters.js';
import { InMemoryJobQueue } from '../../adapters/job-queue/in-memory-job-queue.js';
import { InMemoryWorkerHeartbeats } from '../../adapters/worker-heartbeats/in-memory-worker-heartbeats.js';
import {
  API_KEY,
  EDITOR_KEY,
  expectProblem,
  ingestTestbed,
  invocationContext,
  received,
  type IngestTestbed,
} from '../../test/support/ingest-testbed.js';
import { createGetSystem, type SystemDeps } from './get-system.js';
import type { ClassifierProbe } from './probe-classifier.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();
const principal = (roles: string[]) =>
  Buffer.from(
    JSON.stringify({
      auth_typ: 'aad',
      claims: [{ typ: 'oid', val: 'o1' }, { typ: 'name', val: 'Ada' }, ...roles.map((val) => ({ typ: 'roles', val }))],
    }),
  ).toString('base64');

let tb: IngestTestbed;
let deps: SystemDeps;
let heartbeats: InMemoryWorkerHeartbeats;
let deadLetters: InMemoryEventDeadLetters;
let queue: InMemoryJobQueue<{ n: number }>;
let probe: ClassifierProbe;
beforeEach(async () => {
  tb = await ingestTestbed({ now: () => NOW });
  [heartbeats, deadLetters, queue] = [new InMemoryWorkerHeartbeats(), new InMemoryEventDeadLetters(), new InMemoryJobQueue()];
  probe = { state: 'up', modelLoadMs: 5300 };
  deps = {
    ...tb.deps,
    staff: { ...tb.deps.staff, easyAuth: true },
    queue: { name: 'analysis-jobs', depth: () => queue.depth() },
    heartbeats,
    deadLetters,
    classifier: async () => probe,
  };
});

const get = (init: { key?: string | null; headers?: Record<string, string> } = {}) =>
  createGetSystem(deps)(tb.request('GET', '/api/staff/system', { key: null, ...init }), invocationContext());
const asEditor = { headers: { authorization: `Bearer ${EDITOR_KEY}` } };

describe('GET /api/staff/system', () => {
  it('shows the backlog, the workers seen in the last 30 s, the classifier, the latest failures and dead letters', async () => {
    for (let n = 0; n < 3; n++) await queue.send({ n }, { messageId: `j${n}` });
    await heartbeats.beat({ workerId: 'w-fresh', lastSeenAt: ago(2), classifierCircuit: 'closed' });
    await heartbeats.beat({
      workerId: 'w-older',
      lastSeenAt: ago(25),
      classifierCircuit: 'closed',
      problem: 'ffprobe could not be started (EACCES)',
    });
    await heartbeats.beat({ workerId: 'w-gone', lastSeenAt: ago(31), classifierCircuit: 'open' });
    const s = await tb.seed({ status: 'partial' });
    await tb.store.setFileState(s.submissionId, { fileId: 'f1', state: 'failed', reason: 'unsupported-media', updatedAt: ago(60) });
    await tb.store.setFileState('s-elsewhere', { fileId: 'f9', state: 'timed-out', updatedAt: ago(10) });
    await deadLetters.write('newsdesk/start-submission/2026/03/01/e1.json', {
      event: { id: 'e1', type: 'Newsdesk.Submission.Received', subject: `/submissions/${s.submissionId}` },
      deadLetterReason: 'MaxDeliveryAttemptsExceeded',
      lastError: 'HTTP 500',
      deadLetteredAt: ago(5),
    });
    const res = await received(await get(asEditor));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({
      queue: { name: 'analysis-jobs', depth: 3 },
      workers: {
        running: 2,
        instances: [
          { id: 'w-fresh', lastSeenAt: ago(2) },
          { id: 'w-older', lastSeenAt: ago(25), problem: 'ffprobe could not be started (EACCES)' },
        ],
      },
      classifier: { state: 'up', modelLoadMs: 5300, checkedAt: NOW.toISOString() },
      failures: [
        { submissionId: 's-elsewhere', fileId: 'f9', name: null, reason: 'timed-out', at: ago(10) },
        { submissionId: s.submissionId, fileId: 'f1', name: 'a.jpg', reason: 'unsupported-media', at: ago(60) },
      ],
      deadLetters: [
        {
          id: 'e1',
          eventType: 'Newsdesk.Submission.Received',
          subject: `/submissions/${s.submissionId}`,
          reason: 'MaxDeliveryAttemptsExceeded: HTTP 500',
          at: ago(5),
        },
      ],
    });
  });

  it('says the circuit is open when a running worker’s breaker is, whatever /health answers', async () => {
    await heartbeats.beat({ workerId: 'w1', lastSeenAt: ago(1), classifierCircuit: 'closed' });
    await heartbeats.beat({ workerId: 'w2', lastSeenAt: ago(3), classifierCircuit: 'open' });
    const res = await received<{ classifier: unknown }>(await get(asEditor));
    expect(res.body.classifier).toEqual({ state: 'circuit-open', modelLoadMs: 5300, checkedAt: NOW.toISOString() });
  });

  it('says why the classifier is unknown, so an operator can tell Azure AI Vision (no /health) from no classifier', async () => {
    probe = { state: 'unknown', reason: 'no-health-endpoint', modelLoadMs: null };
    const res = await received<{ classifier: unknown }>(await get(asEditor));
    expect(res.body.classifier).toStrictEqual({
      state: 'unknown',
      reason: 'no-health-endpoint',
      modelLoadMs: null,
      checkedAt: NOW.toISOString(),
    });
    await heartbeats.beat({ workerId: 'w1', lastSeenAt: ago(1), classifierCircuit: 'open' });
    const open = await received<{ classifier: unknown }>(await get(asEditor));
    expect(open.body.classifier).toStrictEqual({ state: 'circuit-open', modelLoadMs: null, checkedAt: NOW.toISOString() });
  });

  it('lists at most the last 20 failures, and nothing when all is well', async () => {
    expect(await received(await get(asEditor))).toMatchObject({
      body: { failures: [], deadLetters: [], workers: { running: 0, instances: [] } },
    });
    for (let i = 0; i < 25; i++)
      await tb.store.setFileState(`s${i}`, { fileId: 'f1', state: 'failed', reason: 'r', updatedAt: ago(100 - i) });
    const res = await received<{ failures: { submissionId: string }[] }>(await get(asEditor));
    expect(res.body.failures.map((f) => f.submissionId)).toEqual(Array.from({ length: 20 }, (_, i) => `s${24 - i}`));
  });

  it('answers an Entra ID user with the staff role', async () => {
    expect((await get({ headers: { 'x-ms-client-principal': principal(['Newsdesk.Staff']) } })).status).toBe(200);
  });

  describe('bad input', () => {
    it.each([
      ['no credential', {}, 401, 'staff-sign-in-required'],
      ['an unknown editor key', { headers: { authorization: 'Bearer nd_editor_not-a-real-key-000000000' } }, 401, 'invalid-staff-key'],
      ['a client API key', { key: API_KEY }, 403, 'staff-only'],
      ['a client API key beside an unknown bearer', { key: API_KEY, headers: { authorization: 'Bearer nope' } }, 401, 'invalid-staff-key'],
      [
        'a signed-in user without the staff role',
        { headers: { 'x-ms-client-principal': principal(['Reader']) } },
        403,
        'staff-role-required',
      ],
    ] as const)('%s → %i %s, reading nothing', async (_, init, status, code) => {
      let read = false;
      deps.queue = { name: 'analysis-jobs', depth: async () => ((read = true), 0) };
      const res = await get(init);
      await expectProblem(res, status, code);
      expect(read).toBe(false);
    });
  });
});
