import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STACK_MASTER_KEY, startStack, submitFixtures, type Stack } from '../support/newsdesk-stack.js';
import { findHostPid } from '../support/find-host-pid.js';
import { startTestWorker } from '../support/test-worker.js';
import { startReceiver } from '../support/webhook-receiver.js';

const SECRET = 'crash-test-webhook-secret-000';
let stack: Stack;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let worker: ReturnType<typeof startTestWorker>;

beforeAll(async () => {
  receiver = await startReceiver(SECRET);
  stack = await startStack({
    NEWSDESK_DEV_WEBHOOK_SECRET: SECRET,
    NEWSDESK_ANALYSIS_TIMEOUT_NORMAL: 'PT30S',
    NEWSDESK_DELIVERY_FIRST_RETRY: 'PT0.5S',
  });
  // Workers take a while, so the kill lands while files are being analysed and deliveries are due.
  worker = startTestWorker(stack.storage, () => ({ kind: 'complete', delayMs: 300 + Math.floor(Math.random() * 1500) }));
});
afterAll(async () => {
  if (process.env.DEBUG_STACK) (await import('node:fs')).writeFileSync('/tmp/crash-out.txt', stack?.output() ?? '');
  await worker?.stop();
  await stack?.stop();
  await receiver?.close();
});

async function submit(i: number): Promise<string> {
  const files: [string, string][] = [
    ['dog-bicycle-truck.jpg', 'a.jpg'],
    ['runners-race.jpg', 'b.jpg'],
  ];
  return (await submitFixtures(stack, `${receiver.url}/crash/${i}`, files)).submissionId;
}

describe('crash: the host is killed with SIGKILL while submissions are in flight', () => {
  it('restarts and ends every submission with one successful delivery per delivery id, no orphans', async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => submit(i)));
    // A random moment within the busy period.
    await new Promise((r) => setTimeout(r, 200 + Math.floor(Math.random() * 1200)));
    const pid = findHostPid(stack.child.pid!);
    expect(pid).toBeDefined();
    process.kill(pid!, 'SIGKILL');
    await expect
      .poll(() => findHostPid(stack.child.pid!) !== undefined && findHostPid(stack.child.pid!) !== pid, { timeout: 20_000 })
      .toBe(true);

    for (const [i, id] of ids.entries()) {
      await expect
        .poll(() => receiver.received.some((r) => r.path === `/crash/${i}` && r.answered === 200), { timeout: 60_000 })
        .toBe(true);
      const delivered = receiver.received.filter((r) => r.path === `/crash/${i}` && r.answered === 200);
      // Duplicates after a crash carry the same delivery id, so the receiver can drop them.
      expect(new Set(delivered.map((r) => r.deliveryId))).toEqual(new Set([`${id}.1`]));
      expect(delivered.every((r) => r.validSignature && r.body.status === 'completed')).toBe(true);
    }
    const durable = (path: string, query = '') =>
      fetch(`${stack.url}/runtime/webhooks/durabletask/${path}?code=${STACK_MASTER_KEY}${query}`).then((r) => r.json());
    for (const id of ids) {
      expect(((await durable(`instances/${id}`)) as { runtimeStatus: string }).runtimeStatus).toBe('Completed');
    }
    const running = (await durable('instances/', '&runtimeStatus=Running,Pending&top=1000')) as { instanceId: string }[];
    expect(running.filter((r) => ids.some((id) => r.instanceId.startsWith(id)))).toEqual([]);
  });
});
