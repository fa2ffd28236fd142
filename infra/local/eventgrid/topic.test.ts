import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SubscriptionConfig } from './subscriptions.js';
import { createEventGridTopic } from './topic.js';
import type { DeadLetterRecord, EventGridTopic, EventGridTopicOptions } from './types.js';

const KEY = 'unit-key';
const fn = (name: string, functionName: string, extra: Partial<SubscriptionConfig> = {}): SubscriptionConfig => ({
  name,
  destination: { type: 'function', functionName },
  filter: {},
  ...extra,
});
const cloudEvent = (id: string, type = 'Newsdesk.Submission.Received') => ({
  id,
  source: '/ingest',
  type,
  specversion: '1.0',
  data: { id },
});

const open: Array<{ topic: EventGridTopic; server: Server }> = [];
afterEach(async () => {
  for (const { topic, server } of open.splice(0)) {
    await topic.close();
    await new Promise((r) => server.close(r));
  }
});

/** A topic on a real loopback server, with function and dead-letter recorders (unit: ':memory:' store). */
async function serve(opts: Partial<EventGridTopicOptions> & Pick<EventGridTopicOptions, 'subscriptions'>) {
  const deadLetters: DeadLetterRecord[] = [];
  const topic = createEventGridTopic({
    topicName: 'unit',
    key: KEY,
    store: ':memory:',
    deliverToFunction: async () => {},
    deadLetter: { write: async (r) => void deadLetters.push(r) },
    retry: { initialDelayMs: 40, maxDelayMs: 1_000 },
    ...opts,
  });
  const server = createServer((req, res) => void topic.handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  open.push({ topic, server });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/runtime/eventgrid/topics/unit/api/events?api-version=2018-01-01`;
  const publish = (events: unknown[]) =>
    fetch(url, {
      method: 'POST',
      headers: { 'aeg-sas-key': KEY, 'content-type': 'application/cloudevents-batch+json; charset=utf-8' },
      body: JSON.stringify(events),
    });
  return { topic, url, publish, deadLetters };
}

const until = async (check: () => boolean, ms = 5_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('createEventGridTopic (function destinations)', () => {
  it('answers 200 with an empty body and delivers the event as published', async () => {
    const calls: Array<[string, unknown]> = [];
    const { topic, publish } = await serve({
      subscriptions: [fn('starter', 'submissionReceived')],
      deliverToFunction: async (name, event) => void calls.push([name, event]),
    });
    topic.start();
    const res = await publish([cloudEvent('e1')]);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await until(() => calls.length === 1);
    expect(calls[0]).toEqual(['submissionReceived', cloudEvent('e1')]);
  });

  it('retries a throwing function with growing delays until it succeeds', async () => {
    const times: number[] = [];
    const { topic, publish, deadLetters } = await serve({
      subscriptions: [fn('starter', 'flaky')],
      deliverToFunction: async () => {
        times.push(Date.now());
        if (times.length < 3) throw new Error(`boom ${times.length}`);
      },
    });
    topic.start();
    await publish([cloudEvent('e1')]);
    await until(() => times.length === 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(times).toHaveLength(3);
    const [gap1, gap2] = [times[1]! - times[0]!, times[2]! - times[1]!];
    expect(gap1).toBeGreaterThanOrEqual(30); // 40 ms ± 20%, timers may fire a little late
    expect(gap2).toBeGreaterThanOrEqual(64); // 80 ms ± 20%
    expect(deadLetters).toEqual([]);
  });

  it("dead-letters after the subscription's maxDeliveryAttempts with the function's error", async () => {
    let calls = 0;
    const { topic, publish, deadLetters } = await serve({
      subscriptions: [fn('starter', 'broken', { retryPolicy: { maxDeliveryAttempts: 3 } })],
      deliverToFunction: async () => {
        calls++;
        throw new Error('cannot start orchestration');
      },
    });
    topic.start();
    await publish([cloudEvent('e1')]);
    await until(() => deadLetters.length === 1);
    expect(calls).toBe(3);
    expect(deadLetters[0]).toMatchObject({
      topic: 'unit',
      subscription: 'starter',
      event: cloudEvent('e1'),
      deliveryAttempts: 3,
      deadLetterReason: 'MaxDeliveryAttemptsExceeded',
      lastError: expect.stringContaining('cannot start orchestration'),
    });
    expect(deadLetters[0]).not.toHaveProperty('lastHttpStatus');
  });

  it('dead-letters when the next retry would fall after the event time to live', async () => {
    let calls = 0;
    const { topic, publish, deadLetters } = await serve({
      subscriptions: [fn('starter', 'broken')],
      retry: { initialDelayMs: 100, eventTimeToLiveMs: 150 },
      deliverToFunction: async () => {
        calls++;
        throw new Error('still down');
      },
    });
    topic.start();
    await publish([cloudEvent('e1')]);
    await until(() => deadLetters.length === 1);
    // Attempt 1 at 0 ms, attempt 2 after ~100 ms; attempt 3 would come at ~300 ms, past the 150 ms TTL.
    expect(calls).toBe(2);
    expect(deadLetters[0]).toMatchObject({
      deliveryAttempts: 2,
      deadLetterReason: 'TimeToLiveExceeded',
      lastError: expect.stringContaining('still down'),
    });
  });

  it('runs at most `concurrency` deliveries at once and still delivers them all', async () => {
    let running = 0;
    let peak = 0;
    const done: string[] = [];
    const { topic, publish } = await serve({
      subscriptions: [fn('starter', 'slow')],
      concurrency: 2,
      deliverToFunction: async (_name, event) => {
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 30));
        running--;
        done.push((event as { id: string }).id);
      },
    });
    topic.start();
    await publish(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => cloudEvent(id)));
    await until(() => done.length === 6);
    expect(peak).toBe(2);
    expect(done.sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('fans one event out to every matching subscription and none other', async () => {
    const calls: string[] = [];
    const { topic, publish } = await serve({
      subscriptions: [
        fn('all', 'everything'),
        fn('received', 'onReceived', { filter: { includedEventTypes: ['Newsdesk.Submission.Received'] } }),
        fn('escalated', 'onEscalated', { filter: { includedEventTypes: ['Newsdesk.Analysis.Escalated'] } }),
      ],
      deliverToFunction: async (name, event) => void calls.push(`${name}:${(event as { id: string }).id}`),
    });
    topic.start();
    await publish([cloudEvent('r1'), cloudEvent('x1', 'Newsdesk.Analysis.Escalated')]);
    await until(() => calls.length === 4);
    await new Promise((r) => setTimeout(r, 100));
    expect(calls.sort()).toEqual(['everything:r1', 'everything:x1', 'onEscalated:x1', 'onReceived:r1']);
  });

  it('keeps accepted events until start(), and retries a failing dead-letter sink', async () => {
    const calls: unknown[] = [];
    let sinkFailures = 0;
    const written: DeadLetterRecord[] = [];
    const { topic, publish } = await serve({
      subscriptions: [fn('starter', 'f', { retryPolicy: { maxDeliveryAttempts: 1 } })],
      deliverToFunction: async (_n, e) => {
        calls.push(e);
        throw new Error('nope');
      },
      deadLetter: {
        write: async (r) => {
          if (sinkFailures++ < 2) throw new Error('storage down');
          written.push(r);
        },
      },
    });
    await publish([cloudEvent('e1')]);
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toEqual([]);
    topic.start();
    await until(() => written.length === 1);
    expect(sinkFailures).toBe(3);
    expect(calls).toHaveLength(1); // the delivery is not re-attempted while only the dead-letter write is owed
    expect(written[0]).toMatchObject({ deliveryAttempts: 1, deadLetterReason: 'MaxDeliveryAttemptsExceeded' });
  });

  it('answers 404 off the events path, 405 for other methods, 503 once closed', async () => {
    const { topic, url, publish } = await serve({ subscriptions: [] });
    const other = await fetch(url.replace('/api/events', '/api/other'), {
      method: 'POST',
      headers: { 'aeg-sas-key': KEY },
    });
    expect(other.status).toBe(404);
    const get = await fetch(url, { headers: { 'aeg-sas-key': KEY } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(((await get.json()) as { error: { code: string } }).error.code).toBe('MethodNotAllowed');
    await topic.close();
    expect((await publish([cloudEvent('late')])).status).toBe(503);
  });
});
