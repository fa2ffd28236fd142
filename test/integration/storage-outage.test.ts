import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startImageAnalysisDouble, type ImageAnalysisDouble } from '../support/image-analysis-double/image-analysis-double.js';
import { fixture } from '../support/fixtures.js';
import { STACK_MASTER_KEY, startStack, submitFixtures, type Stack, type Submitted } from '../support/newsdesk-stack.js';
import { startReceiver } from '../support/webhook-receiver.js';

const SECRET = 'storage-outage-webhook-secret';
/** The issue's outage. Every retry budget it spans is shorter; only the activities' durable window (PT5M here) is longer. */
const OUTAGE_MS = 60_000;
/** How long the classifier holds the worker's call: the outage begins while the worker is in the middle of its job. */
const CLASSIFIER_LATENCY_MS = 6_000;
let stack: Stack;
let classifier: ImageAnalysisDouble;
let hook: Awaited<ReturnType<typeof startReceiver>>;
/** Paths whose first delivery is answered 500, so the submission then waits on a retry timer. */
const failFirst = new Set(['/delivery']);

beforeAll(async () => {
  classifier = await startImageAnalysisDouble();
  hook = await startReceiver(SECRET, (r) => (failFirst.delete(r.path) ? 500 : 200));
  stack = await startStack({
    NEWSDESK_DEV_WEBHOOK_SECRET: SECRET,
    // One real worker process (workers/main.ts), classifying through the Image Analysis double.
    NEWSDESK_WORKERS_MIN: '1',
    NEWSDESK_WORKERS_MAX: '1',
    NEWSDESK_CLASSIFIER_ENDPOINT: classifier.endpoint,
    NEWSDESK_CLASSIFIER_KEY: classifier.key,
    // A job whose lock could not be renewed while the queue was down is visible again 10 s after its last renewal.
    NEWSDESK_WORKER_LOCK: 'PT10S',
    // The retry timer after the 500 fires 5 s later, inside the outage.
    NEWSDESK_DELIVERY_FIRST_RETRY: 'PT5S',
    NEWSDESK_DELIVERY_MAX_RETRY: 'PT5S',
    NEWSDESK_DELIVERY_RETRY_WINDOW: 'PT5M',
    // Each orchestration step meeting the outage is tried again 1, 2, 4, 4… s later: within seconds of storage's return.
    NEWSDESK_ACTIVITY_RETRY_FIRST: 'PT1S',
    NEWSDESK_ACTIVITY_RETRY_MAX: 'PT4S',
    NEWSDESK_ACTIVITY_RETRY_WINDOW: 'PT5M',
  });
}, 120_000);
afterAll(async () => {
  // Whatever happened, the supervisor must not stay stopped.
  if (stack?.child.pid) process.kill(stack.child.pid, 'SIGCONT');
  await stack?.stop();
  await hook?.close();
  await classifier?.close();
});

const submit = (path: string): Promise<Submitted> => submitFixtures(stack, `${hook.url}${path}`, ['dog-bicycle-truck.jpg']);
/** The client's POST with an Idempotency-Key, as its retries send it. */
const post = (path: string, idempotencyKey: string) => {
  const form = new FormData();
  form.append('webhookUrl', `${hook.url}${path}`);
  form.append('file', new Blob([new Uint8Array(fixture('dog-bicycle-truck.jpg'))]), 'dog-bicycle-truck.jpg');
  const headers = { 'x-api-key': stack.apiKey, 'idempotency-key': idempotencyKey };
  return fetch(`${stack.url}/api/submissions`, { method: 'POST', headers, body: form, signal: AbortSignal.timeout(30_000) });
};
const runtimeStatus = async (instanceId: string) =>
  (
    (await (await fetch(`${stack.url}/runtime/webhooks/durabletask/instances/${instanceId}?code=${STACK_MASTER_KEY}`)).json()) as {
      runtimeStatus: string;
    }
  ).runtimeStatus;
/** The worker process's JSON log lines, as the stack passes them on. */
const workerLog = () =>
  [...stack.output().matchAll(/^\[worker-\d+\] (\{.*\})$/gm)].map(
    (m) => JSON.parse(m[1]!) as { event: string; jobId?: string; reason?: string },
  );
const blobEndpoint = () => /BlobEndpoint=([^;]+)/.exec(stack.storage)![1]!;
const storageUp = () =>
  fetch(blobEndpoint(), { signal: AbortSignal.timeout(1_000) }).then(
    () => true,
    () => false,
  );

/**
 * Azurite goes down for 60 s, as in orchestration-outage.test.ts: stopped cleanly (SIGTERM, so it keeps its data, as a
 * restarted storage account does) while the stack's supervisor is held with SIGSTOP so that nothing restarts it until
 * the test lets the supervisor go on (SIGCONT). The host, its durable task hub, Event Grid, the worker process and the
 * classifier keep running. One outage spans submissions at every stage:
 * - delivery: its receiver answered 500, and the retry timer fires 5 s into the outage (deterministic);
 * - analysis: the worker holds its job in a slow classifier call when the outage begins, so its results write meets it,
 *   and so do its lock renewals and the settling of the job (deterministic);
 * - enqueue: two submissions accepted just before the outage, whose first steps (marking them processing, queueing their
 *   jobs) run within milliseconds of the 202, as Azurite is stopped: which of those steps each meets is a race, but
 *   each is retried on durable timers all the same;
 * - summary: the steps after analysis (duplicates, summary, status) of all of them run while storage comes back;
 * - ingest: a client POSTs during the outage: a 503 with Retry-After at once, nothing half-written, and its retry with
 *   the same Idempotency-Key once storage is back makes exactly one submission (deterministic).
 * Every submission ends delivered exactly once.
 */
it('rides out a 60 s storage outage at every stage: each submission is delivered exactly once', async () => {
  const delivery = await submit('/delivery');
  await expect.poll(() => hook.received.filter((r) => r.answered === 500).length, { timeout: 60_000, interval: 100 }).toBe(1);

  classifier.setLatency(CLASSIFIER_LATENCY_MS);
  const analysis = await submit('/analysis');
  await expect.poll(() => classifier.inFlight, { timeout: 30_000, interval: 50 }).toBeGreaterThan(0);
  const enqueue = await Promise.all([submit('/enqueue-a'), submit('/enqueue-b')]);

  const supervisor = stack.child.pid!;
  const azurite = Number(execFileSync('pgrep', ['-P', String(supervisor), '-f', 'azurite.js'], { encoding: 'utf8' }).trim());
  process.kill(supervisor, 'SIGSTOP');
  let refused: { status: number; retryAfter: string | null; body: unknown; ms: number };
  try {
    process.kill(azurite, 'SIGTERM');
    await expect.poll(storageUp, { timeout: 10_000 }).toBe(false);
    classifier.setLatency(0);
    const started = performance.now();
    const res = await post('/ingest', 'outage-retry-1');
    refused = { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json(), ms: performance.now() - started };
    await new Promise((r) => setTimeout(r, OUTAGE_MS - (performance.now() - started)));
    expect(await storageUp()).toBe(false);
  } finally {
    process.kill(supervisor, 'SIGCONT');
  }
  // Ingest: a precise answer, quickly, saying when to come back.
  expect(refused).toMatchObject({
    status: 503,
    retryAfter: '10',
    body: { type: 'https://newsdesk.dev/problems/service-unavailable', status: 503, retryAfterSeconds: 10 },
  });
  expect(refused.ms).toBeLessThan(5_000);

  await expect.poll(storageUp, { timeout: 15_000 }).toBe(true);
  // The client's retry, after Retry-After, with the same key: accepted once; a further retry gets the same answer.
  const retried = await post('/ingest', 'outage-retry-1');
  expect(retried.status).toBe(202);
  const ingest = (await retried.json()) as Submitted;
  const again = await post('/ingest', 'outage-retry-1');
  expect(again.status).toBe(202);
  expect(((await again.json()) as Submitted).submissionId).toBe(ingest.submissionId);

  const submissions: [string, Submitted][] = [
    ['/delivery', delivery],
    ['/analysis', analysis],
    ['/enqueue-a', enqueue[0]!],
    ['/enqueue-b', enqueue[1]!],
    ['/ingest', ingest],
  ];
  for (const [, { submissionId }] of submissions) {
    await expect.poll(() => runtimeStatus(submissionId), { timeout: 60_000, interval: 250 }).not.toMatch(/Running|Pending/);
    expect(await runtimeStatus(submissionId)).toBe('Completed');
  }
  const headers = { 'x-api-key': stack.apiKey };
  for (const [path, { submissionId }] of submissions) {
    const delivered = hook.received.filter((r) => r.path === path && r.answered === 200);
    expect(delivered.map((r) => [r.deliveryId, r.validSignature, r.body.status])).toEqual([[`${submissionId}.1`, true, 'completed']]);
    const view = (await (await fetch(`${stack.url}/api/submissions/${submissionId}`, { headers })).json()) as {
      status: string;
      files: { state: string; escalated?: boolean }[];
    };
    // Analysed by the worker, not escalated: the outage spent none of the job's deliveries.
    expect([view.status, view.files.map((f) => [f.state, f.escalated ?? false])], path).toEqual(['completed', [['completed', false]]]);
  }
  // The worker met the outage mid-job, took it for one, and finished the job once storage was back.
  const jobLog = workerLog().filter((e) => e.jobId?.startsWith(`${analysis.submissionId}.`));
  expect(jobLog.map((e) => [e.event, e.reason?.replace(/: .*/, '')])).toContainEqual([
    'job.retry',
    'storage could not be reached to write the results',
  ]);
  expect(jobLog.filter((e) => e.event === 'job.completed')).toHaveLength(1);
  // Exactly one submission came of the client's three POSTs.
  expect(hook.received.filter((r) => r.path === '/ingest')).toHaveLength(1);
}, 240_000);
