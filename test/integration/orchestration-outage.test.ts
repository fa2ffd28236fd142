import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STACK_MASTER_KEY, startStack, submitFixtures, type Stack, type Submitted } from '../support/newsdesk-stack.js';
import { startTestWorker } from '../support/test-worker.js';
import { startReceiver } from '../support/webhook-receiver.js';

const SECRET = 'outage-test-webhook-secret';
const OUTAGE_MS = 20_000;
let stack: Stack;
let hook: Awaited<ReturnType<typeof startReceiver>>;
let worker: ReturnType<typeof startTestWorker>;
/** Paths whose first delivery is answered 500, so the submission then waits on a retry timer. */
const failFirst = new Set(['/timer-a', '/timer-b']);

beforeAll(async () => {
  hook = await startReceiver(SECRET, (r) => (failFirst.delete(r.path) ? 500 : 200));
  stack = await startStack({
    NEWSDESK_DEV_WEBHOOK_SECRET: SECRET,
    // The retry timer after the 500 fires 5 s later, inside the outage.
    NEWSDESK_DELIVERY_FIRST_RETRY: 'PT5S',
    NEWSDESK_DELIVERY_MAX_RETRY: 'PT5S',
    NEWSDESK_DELIVERY_RETRY_WINDOW: 'PT5M',
    // Each step meeting the outage is tried again 1, 2, 4, 4… s later: within a few seconds of storage coming back.
    NEWSDESK_ACTIVITY_RETRY_FIRST: 'PT1S',
    NEWSDESK_ACTIVITY_RETRY_MAX: 'PT4S',
    NEWSDESK_ACTIVITY_RETRY_WINDOW: 'PT5M',
  });
  worker = startTestWorker(stack.storage, () => ({ kind: 'complete' }));
}, 90_000);
afterAll(async () => {
  // Whatever happened, the supervisor must not stay stopped.
  if (stack?.child.pid) process.kill(stack.child.pid, 'SIGCONT');
  await worker?.stop();
  await stack?.stop();
  await hook?.close();
});

const submit = (path: string): Promise<Submitted> => submitFixtures(stack, `${hook.url}${path}`, ['dog-bicycle-truck.jpg']);
const runtimeStatus = async (instanceId: string) =>
  (
    (await (await fetch(`${stack.url}/runtime/webhooks/durabletask/instances/${instanceId}?code=${STACK_MASTER_KEY}`)).json()) as {
      runtimeStatus: string;
    }
  ).runtimeStatus;
const blobEndpoint = () => /BlobEndpoint=([^;]+)/.exec(stack.storage)![1]!;
const storageUp = () =>
  fetch(blobEndpoint(), { signal: AbortSignal.timeout(1_000) }).then(
    () => true,
    () => false,
  );

/**
 * Azurite goes down for 20 s: it is stopped with SIGTERM (cleanly, so it keeps its data, as a restarted storage
 * account does) while its supervisor, the stack's own process, is held with SIGSTOP, so that nothing restarts it
 * until the test lets the supervisor go on (SIGCONT); it then restarts Azurite on the same ports, as it does after any
 * crash. Meanwhile every storage and queue call gets ECONNREFUSED: the outage the issue saw. The host, its durable
 * task hub (SQLite) and Event Grid keep running, as they would on Azure. Deterministic: two submissions are waiting
 * on a delivery-retry timer (their receiver answered 500) that fires during the outage, and a third is accepted just
 * before it, so its analysis and summary steps meet the outage.
 */
it('rides out a storage outage during delivery, enqueue and summary: each submission is delivered exactly once', async () => {
  const waiting = await Promise.all([submit('/timer-a'), submit('/timer-b')]);
  await expect.poll(() => hook.received.filter((r) => r.answered === 500).length, { timeout: 20_000, interval: 50 }).toBe(2);
  const late = await submit('/late');
  const submissions = [...waiting, late];

  const supervisor = stack.child.pid!;
  const azurite = Number(execFileSync('pgrep', ['-P', String(supervisor), '-f', 'azurite.js'], { encoding: 'utf8' }).trim());
  process.kill(supervisor, 'SIGSTOP');
  try {
    process.kill(azurite, 'SIGTERM');
    await expect.poll(storageUp, { timeout: 10_000 }).toBe(false);
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    expect(await storageUp()).toBe(false);
  } finally {
    process.kill(supervisor, 'SIGCONT');
  }
  await expect.poll(storageUp, { timeout: 15_000 }).toBe(true);

  for (const { submissionId } of submissions) {
    await expect.poll(() => runtimeStatus(submissionId), { timeout: 30_000 }).not.toMatch(/Running|Pending/);
    expect(await runtimeStatus(submissionId)).toBe('Completed');
  }
  for (const [path, { submissionId }] of [
    ['/timer-a', waiting[0]!],
    ['/timer-b', waiting[1]!],
    ['/late', late],
  ] as const) {
    const delivered = hook.received.filter((r) => r.path === path && r.answered === 200);
    expect(delivered.map((r) => [r.deliveryId, r.validSignature, r.body.status])).toEqual([[`${submissionId}.1`, true, 'completed']]);
    // The client's record and delivery log agree: the attempt that went out during the outage was recorded once it ended.
    const headers = { 'x-api-key': stack.apiKey };
    const view = (await (await fetch(`${stack.url}/api/submissions/${submissionId}`, { headers })).json()) as { status: string };
    expect(view.status).toBe('completed');
    const log = (await (await fetch(`${stack.url}/api/submissions/${submissionId}/deliveries`, { headers })).json()) as {
      attempts: { outcome: string }[];
    };
    expect(log.attempts.map((a) => a.outcome)).toEqual(path === '/late' ? ['delivered'] : ['retry', 'delivered']);
  }
}, 90_000);
