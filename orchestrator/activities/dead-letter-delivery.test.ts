import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryDeliveryStore } from '../../adapters/delivery-store/in-memory-delivery-store.js';
import { InMemoryEventPublisher } from '../../adapters/event-publisher/in-memory-event-publisher.js';
import { summaryFixture } from '../../test/support/summary-fixture.js';
import { startReceiver } from '../../test/support/webhook-receiver.js';
import type { DeadLetterDeliveryInput } from './catalog.js';
import { createDeadLetterDelivery } from './dead-letter-delivery.js';

let ops: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  ops = await startReceiver('unused', (r) => (r.path === '/down' ? 500 : 200));
});
afterAll(() => ops?.close());

const input: DeadLetterDeliveryInput = {
  submissionId: 's1',
  deliveryId: 's1.1',
  attempts: 7,
  lastError: 'HTTP 503',
  summary: summaryFixture('s1'),
};
const reason = 'not delivered after 7 attempts: HTTP 503';

describe('deadLetterDelivery', () => {
  it('keeps the exact summary for a replay, and escalates on Event Grid and to the ops webhook', async () => {
    const [deliveries, events] = [new InMemoryDeliveryStore(), new InMemoryEventPublisher()];
    await createDeadLetterDelivery({ deliveries, events, opsWebhookUrl: `${ops.url}/ops` })(input);
    expect(await deliveries.getDeadLetter('s1')).toEqual({
      deliveryId: 's1.1',
      body: JSON.stringify(input.summary),
      reason,
      at: expect.any(String),
    });
    const expected = {
      id: 's1.1.dead-lettered',
      type: 'Newsdesk.Delivery.Escalated',
      source: '/newsdesk/ingest',
      subject: '/submissions/s1/deliveries/s1.1',
      data: { submissionId: 's1', deliveryId: 's1.1', reason, replayAt: '/api/submissions/s1/deliveries/replay' },
    };
    expect(events.published).toEqual([{ ...expected, time: expect.any(Date) }]);
    expect(ops.received.filter((r) => r.path === '/ops').map((r) => r.body)).toEqual([{ ...expected, time: expect.any(String) }]);
  });

  it('succeeds though the ops webhook fails: the dead letter and the event are what count', async () => {
    const [deliveries, events] = [new InMemoryDeliveryStore(), new InMemoryEventPublisher()];
    await createDeadLetterDelivery({ deliveries, events, opsWebhookUrl: `${ops.url}/down` })(input);
    expect(ops.received.filter((r) => r.path === '/down')).toHaveLength(1);
    expect(await deliveries.getDeadLetter('s1')).toBeDefined();
    expect(events.published).toHaveLength(1);
  });

  it('throws when Event Grid is down, the dead letter already kept (a retry writes the same one)', async () => {
    const [deliveries, events] = [new InMemoryDeliveryStore(), new InMemoryEventPublisher()];
    events.available = false;
    await expect(createDeadLetterDelivery({ deliveries, events })(input)).rejects.toThrow(/unreachable/);
    expect(await deliveries.getDeadLetter('s1')).toMatchObject({ deliveryId: 's1.1', reason });
  });

  it('throws before escalating when the store cannot keep the dead letter', async () => {
    const [deliveries, events] = [new InMemoryDeliveryStore(), new InMemoryEventPublisher()];
    await expect(createDeadLetterDelivery({ deliveries, events })({ ...input, submissionId: 's1#x' })).rejects.toThrow(RangeError);
    expect(events.published).toEqual([]);
  });
});
