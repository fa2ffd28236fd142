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
  return { store, deliveries, deliver: createDeliverWebhook({ store, deliveries, allowList: parseAllowList('127.0.0.0/8') }) };
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

  it('does not post an attempt again that was delivered and recorded (the activity run twice after a crash)', async () => {
    const { deliveries, deliver } = await deliverer();
    const first = recordedOf(await deliver(input(`${hook.url}/once`)));
    const again = recordedOf(await deliver(input(`${hook.url}/once`)));
    expect(again).toEqual(first);
    expect(to('/once')).toHaveLength(1);
    expect(await deliveries.listAttempts('s1')).toEqual([first]);
    // A new attempt of the same delivery is posted.
    recordedOf(await deliver(input(`${hook.url}/once`, { attempt: 3 })));
    expect(to('/once')).toHaveLength(2);
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
    const { store, deliveries } = await deliverer();
    // Storage goes away between the check before the POST and the record after it: the write fails after the POST.
    const failing = Object.assign(Object.create(deliveries) as InMemoryDeliveryStore, {
      recordAttempt: () => Promise.reject(new Error('storage unavailable')),
    });
    const deliver = createDeliverWebhook({ store, deliveries: failing, allowList: parseAllowList('127.0.0.0/8') });
    const attempt = await deliver(input(`${hook.url}/unrecorded`));
    expect(attempt).toMatchObject({ deliveryId: 's1.1', outcome: 'delivered', recorded: false });
    expect(to('/unrecorded').map((r) => r.deliveryId)).toEqual(['s1.1']);
  });
});
