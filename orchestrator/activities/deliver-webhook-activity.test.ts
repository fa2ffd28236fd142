import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryDeliveryStore } from '../../adapters/delivery-store/in-memory-delivery-store.js';
import { InMemoryIngestStore } from '../../adapters/ingest-store/in-memory-ingest-store.js';
import { parseAllowList } from '../../lib/net/allow-list.js';
import { summaryFixture } from '../../test/support/summary-fixture.js';
import { startReceiver } from '../../test/support/webhook-receiver.js';
import type { DeliverWebhookInput } from './catalog.js';
import { createDeliverWebhook } from './deliver-webhook-activity.js';

const SECRET = 'whsec_desk_0123456789';
let hook: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  hook = await startReceiver(SECRET, (r) => Number(/^\/(\d{3})$/.exec(r.path)?.[1] ?? 200));
});
afterAll(() => hook?.close());

/** The activity as app/index.ts wires it, with loopback allow-listed (as `npm start` does) for the receiver. */
async function deliverer() {
  const [store, deliveries] = [new InMemoryIngestStore(), new InMemoryDeliveryStore()];
  await store.putClient({ clientId: 'desk', name: 'Photo desk', webhookSecret: SECRET, rateLimitPerMinute: 100 }, 'hash');
  return { deliveries, deliver: createDeliverWebhook({ store, deliveries, allowList: parseAllowList('127.0.0.0/8') }) };
}
const input = (url: string, patch: Partial<DeliverWebhookInput> = {}): DeliverWebhookInput => ({
  submissionId: 's1',
  clientId: 'desk',
  url,
  deliveryId: 's1.1',
  attempt: 2,
  summary: summaryFixture('s1'),
  ...patch,
});
const to = (path: string) => hook.received.filter((r) => r.path === path);
/** The attempt the activity returned, which it says it recorded. */
const recordedOf = ({ recorded, ...attempt }: Awaited<ReturnType<ReturnType<typeof createDeliverWebhook>>>) => {
  expect(recorded).toBe(true);
  return attempt;
};

describe('deliverWebhook', () => {
  it("signs the summary with the client's secret, posts it under its delivery id, and records the attempt", async () => {
    const { deliveries, deliver } = await deliverer();
    const attempt = recordedOf(await deliver(input(`${hook.url}/ok`)));
    expect(attempt).toEqual({
      deliveryId: 's1.1',
      attempt: 2,
      at: expect.any(String),
      outcome: 'delivered',
      status: 200,
      latencyMs: expect.any(Number),
    });
    expect(to('/ok')).toHaveLength(1);
    expect(to('/ok')[0]).toMatchObject({ deliveryId: 's1.1', attempt: '2', validSignature: true, body: summaryFixture('s1') });
    expect(await deliveries.listAttempts('s1')).toEqual([attempt]);
  });

  it.each([
    [503, 'retry'],
    [410, 'gone'],
  ] as const)('records an answer of %i as %s, with the status', async (status, outcome) => {
    const { deliveries, deliver } = await deliverer();
    const attempt = recordedOf(await deliver(input(`${hook.url}/${status}`)));
    expect(attempt).toMatchObject({ outcome, status, error: `HTTP ${status}` });
    expect(await deliveries.listAttempts('s1')).toEqual([attempt]);
  });

  it('records a receiver that cannot be reached as a retry', async () => {
    const { deliveries, deliver } = await deliverer();
    const gone = await startReceiver(SECRET);
    await gone.close();
    const attempt = recordedOf(await deliver(input(`${gone.url}/hook`)));
    expect(attempt).toMatchObject({ outcome: 'retry', error: expect.any(String) });
    expect(attempt.status).toBeUndefined();
    expect(await deliveries.listAttempts('s1')).toEqual([attempt]);
  });

  it('refuses a URL the SSRF guard rejects, sending nothing, and records why', async () => {
    const { deliveries, deliver } = await deliverer();
    const attempt = recordedOf(await deliver(input('http://10.0.0.5/hook')));
    expect(attempt).toMatchObject({ outcome: 'rejected-url', error: expect.stringMatching(/^The webhook URL is rejected: /) });
    expect(await deliveries.listAttempts('s1')).toEqual([attempt]);
  });

  it('throws for a client it does not know, sending and recording nothing: no retry will find it', async () => {
    const { deliveries, deliver } = await deliverer();
    await expect(deliver(input(`${hook.url}/unknown-client`, { clientId: 'nobody' }))).rejects.toMatchObject({
      name: 'NonRetryableError',
      message: 'client nobody not found',
    });
    expect(to('/unknown-client')).toEqual([]);
    expect(await deliveries.listAttempts('s1')).toEqual([]);
  });

  it('does not throw after sending when the attempt cannot be recorded: it says so, and a retry would send the summary again', async () => {
    const { deliver } = await deliverer();
    // The in-memory store refuses this submission id as Table Storage would (a key with '#'): the write fails after the POST.
    const attempt = await deliver(input(`${hook.url}/unrecorded`, { submissionId: 's1#x' }));
    expect(attempt).toMatchObject({ deliveryId: 's1.1', outcome: 'delivered', recorded: false });
    expect(to('/unrecorded').map((r) => r.deliveryId)).toEqual(['s1.1']);
  });
});
