import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AzureKeyCredential, EventGridPublisherClient, type SendCloudEventInput, type SendEventGridEventInput } from '@azure/eventgrid';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type RunningAzurite } from '@newsdesk/local-platform/azurite';
import {
  BlobDeadLetterSink,
  createEventGridTopic,
  parseSubscriptions,
  type DeadLetterRecord,
  type EventGridTopic,
  type SubscriptionConfig,
} from '@newsdesk/local-platform/eventgrid';

const KEY = Buffer.from('newsdesk-local-topic-key').toString('base64');
const TOPIC_PATH = '/runtime/eventgrid/topics/newsdesk/api/events';
const RETRY = { initialDelayMs: 50, maxDelayMs: 400 };

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-eventgrid-'));
const cleanups: Array<() => Promise<unknown> | unknown> = [];
let azurite: RunningAzurite;
let deadLetters: ContainerClient;
let receiverUrl: string;
let endpoint: string;
let topic: EventGridTopic;
const received: Received[] = [];
const functionCalls: Array<{ name: string; event: Record<string, unknown> }> = [];
const hits = new Map<string, number>();

async function listen(handler: RequestListener, port = 0): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((r) => server.close(r)));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Webhook receiver: /flaky fails twice then succeeds, /broken always fails, everything else succeeds. */
const receiver: RequestListener = (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const path = req.url ?? '';
    received.push({ path, headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString()) });
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    if (path === '/broken' || (path === '/flaky' && n <= 2)) res.writeHead(500).end('receiver broken');
    else res.writeHead(200).end();
  });
};

const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 8_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};
const settle = (ms = 300): Promise<void> => new Promise((r) => setTimeout(r, ms));
const at = (path: string): Received[] => received.filter((r) => r.path === path);

function subscriptions(hooks: string): SubscriptionConfig[] {
  // Through the same validation the config file goes through.
  return parseSubscriptions({
    subscriptions: [
      {
        name: 'start-orchestration',
        destination: { type: 'function', functionName: 'submissionReceived' },
        filter: { includedEventTypes: ['Newsdesk.Submission.Received'], subjectBeginsWith: 'submissions/' },
      },
      {
        name: 'flaky-hook',
        destination: { type: 'webhook', url: `${hooks}/flaky` },
        filter: { includedEventTypes: ['Test.Flaky'] },
      },
      {
        name: 'broken-hook',
        destination: { type: 'webhook', url: `${hooks}/broken` },
        filter: { includedEventTypes: ['Test.Broken'] },
        retryPolicy: { maxDeliveryAttempts: 3 },
      },
      {
        name: 'escalations',
        destination: { type: 'webhook', url: `${hooks}/escalations` },
        filter: { includedEventTypes: ['Newsdesk.Analysis.Escalated'], subjectEndsWith: '.mp4' },
      },
    ],
  });
}

beforeAll(async () => {
  azurite = await startAzurite({ location: join(dir, 'azurite') });
  cleanups.push(() => azurite.stop());
  deadLetters = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('eventgrid-deadletter');
  receiverUrl = (await listen(receiver)).url;
  topic = createEventGridTopic({
    topicName: 'newsdesk',
    key: KEY,
    subscriptions: subscriptions(receiverUrl),
    deliverToFunction: async (name, event) => void functionCalls.push({ name, event: event as Record<string, unknown> }),
    deadLetter: new BlobDeadLetterSink(deadLetters),
    store: join(dir, 'eventgrid.sqlite'),
    retry: RETRY,
  });
  cleanups.push(() => topic.close());
  topic.start();
  // Mounted the way the host mounts it: only the topic's path goes to `handle`.
  const { url } = await listen((req, res) => {
    if (req.url?.startsWith(TOPIC_PATH)) void topic.handle(req, res);
    else res.writeHead(404).end();
  });
  endpoint = `${url}${TOPIC_PATH}`;
});

afterAll(async () => {
  // Topics before servers before Azurite: reverse order of creation.
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

// The SDK refuses plain http unless told: the app's local wiring must pass allowInsecureConnection too.
const LOCAL = { allowInsecureConnection: true };
const cloudClient = (key = KEY): EventGridPublisherClient<'CloudEvent'> =>
  new EventGridPublisherClient(endpoint, 'CloudEvent', new AzureKeyCredential(key), LOCAL);
const gridClient = (): EventGridPublisherClient<'EventGrid'> =>
  new EventGridPublisherClient(endpoint, 'EventGrid', new AzureKeyCredential(KEY), LOCAL);
const received1 = (id: string): SendCloudEventInput<unknown> => ({
  id,
  type: 'Newsdesk.Submission.Received',
  source: '/newsdesk/ingest',
  subject: `submissions/${id}`,
  data: { submissionId: id, files: [{ fileId: 'f1', name: 'photo.jpg' }] },
});

describe('local Event Grid topic with the real EventGridPublisherClient', () => {
  it('delivers CloudEvents and Event Grid events to a function destination in their own schema', async () => {
    await cloudClient().send([received1('sub-001')]);
    const gridEvent: SendEventGridEventInput<unknown> = {
      id: 'sub-002',
      eventType: 'Newsdesk.Submission.Received',
      subject: 'submissions/sub-002',
      dataVersion: '1.0',
      data: { submissionId: 'sub-002' },
    };
    await gridClient().send([gridEvent]);
    await until('two function calls', () => functionCalls.length >= 2);

    const cloud = functionCalls.find((c) => c.event.id === 'sub-001');
    expect(cloud?.name).toBe('submissionReceived');
    expect(cloud?.event).toMatchObject({
      specversion: '1.0',
      type: 'Newsdesk.Submission.Received',
      source: '/newsdesk/ingest',
    });
    expect(cloud?.event.data).toEqual(received1('sub-001').data);
    expect(typeof cloud?.event.time).toBe('string');

    const grid = functionCalls.find((c) => c.event.id === 'sub-002');
    expect(grid?.event).toMatchObject({
      eventType: 'Newsdesk.Submission.Received',
      dataVersion: '1.0',
      metadataVersion: '1',
      data: { submissionId: 'sub-002' },
    });
    expect(grid?.event.topic).toMatch(/topics\/newsdesk$/);
    expect(grid?.event).not.toHaveProperty('specversion');
  });

  it('retries a webhook that fails twice, then delivers once with a rising aeg-delivery-count', async () => {
    await cloudClient().send([{ id: 'flaky-1', type: 'Test.Flaky', source: '/tests', data: { n: 1 } }]);
    await until('third attempt', () => at('/flaky').length >= 3);
    await settle();
    const attempts = at('/flaky');
    expect(attempts).toHaveLength(3);
    expect(attempts.map((a) => a.headers['aeg-delivery-count'])).toEqual(['0', '1', '2']);
    for (const a of attempts) {
      expect(a.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
      expect(a.headers['aeg-event-type']).toBe('Notification');
      expect(a.headers['aeg-subscription-name']).toBe('FLAKY-HOOK');
      expect(a.body).toMatchObject({ id: 'flaky-1', type: 'Test.Flaky', specversion: '1.0', data: { n: 1 } });
    }
  });

  it('dead-letters to a blob in Azurite after maxDeliveryAttempts', async () => {
    await gridClient().send([{ id: 'broken-1', eventType: 'Test.Broken', subject: 'x/y', dataVersion: '2', data: { why: 'test' } }]);
    let blobName: string | undefined;
    await until('dead-letter blob', async () => {
      if (!(await deadLetters.exists())) return false;
      for await (const b of deadLetters.listBlobsFlat({ prefix: 'newsdesk/broken-hook/' }))
        if (b.name.endsWith('/broken-1.json')) blobName = b.name;
      return blobName !== undefined;
    });
    const record = JSON.parse((await deadLetters.getBlobClient(blobName!).downloadToBuffer()).toString()) as DeadLetterRecord;
    expect(record).toMatchObject({
      topic: 'newsdesk',
      subscription: 'broken-hook',
      deliveryAttempts: 3,
      deadLetterReason: 'MaxDeliveryAttemptsExceeded',
      lastHttpStatus: 500,
      event: { id: 'broken-1', eventType: 'Test.Broken', data: { why: 'test' } },
    });
    expect(record.lastError).toContain('receiver broken');
    expect(blobName).toBe(`newsdesk/broken-hook/${record.deadLetteredAt.slice(0, 10).replaceAll('-', '/')}/broken-1.json`);
    expect(at('/broken')).toHaveLength(3);
    // Event Grid schema goes to webhooks as an array holding one event.
    expect(at('/broken')[0]?.headers['content-type']).toBe('application/json');
    expect(at('/broken')[0]?.body).toEqual([expect.objectContaining({ id: 'broken-1' })]);
  });

  it('routes only events that pass a subscription filter', async () => {
    const escalated = (id: string, subject: string, eventType = 'Newsdesk.Analysis.Escalated'): SendEventGridEventInput<unknown> => ({
      id,
      eventType,
      subject,
      dataVersion: '1',
      data: {},
    });
    await gridClient().send([
      escalated('esc-a', 'submissions/1/files/a.mp4'),
      escalated('esc-b', 'submissions/1/files/b.jpg'),
      escalated('esc-c', 'SUBMISSIONS/1/FILES/C.MP4'),
      escalated('esc-d', 'submissions/1/files/d.mp4', 'Newsdesk.Analysis.Completed'),
    ]);
    await cloudClient().send([{ ...received1('not-a-submission'), subject: 'tests/other' }]);
    await until('two escalations', () => at('/escalations').length >= 2);
    await settle();
    const ids = at('/escalations').map((r) => (r.body as Array<{ id: string }>)[0]?.id);
    expect(ids.sort()).toEqual(['esc-a', 'esc-c']);
    expect(at('/escalations')[0]?.headers['aeg-data-version']).toBe('1');
    expect(functionCalls.map((c) => c.event.id)).not.toContain('not-a-submission');
  });

  it('refuses bad requests the way Azure does and keeps serving', async () => {
    const wrongKey = await cloudClient('d3Jvbmc=')
      .send([received1('bad-key')])
      .catch((e: unknown) => e);
    expect(wrongKey).toMatchObject({ name: 'RestError', statusCode: 401 });

    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${endpoint}?api-version=2018-01-01`, {
        method: 'POST',
        headers: {
          'aeg-sas-key': KEY,
          'content-type': 'application/cloudevents-batch+json; charset=utf-8',
          ...headers,
        },
        body,
      });
    const malformed = await post('[{"id": "x",');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      error: { code: 'BadRequest', message: expect.stringContaining('JSON') },
    });
    const missing = await post(JSON.stringify([{ id: 'no-source', type: 'T', specversion: '1.0' }]));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      error: { code: 'BadRequest', message: expect.stringContaining("'source'") },
    });
    const noKey = await post('[]', { 'aeg-sas-key': '' });
    expect(noKey.status).toBe(401);

    const big = { ...received1('too-big'), data: { blob: 'x'.repeat(1_100_000) } };
    const oversize = await cloudClient()
      .send([big])
      .catch((e: unknown) => e);
    expect(oversize).toMatchObject({ name: 'RestError', statusCode: 413 });

    // Nothing of the above was accepted; the endpoint still takes good events.
    await cloudClient().send([received1('after-errors')]);
    await until('delivery after errors', () => functionCalls.some((c) => c.event.id === 'after-errors'));
    await settle(100);
    const ids = functionCalls.map((c) => c.event.id);
    expect(ids).not.toContain('bad-key');
    expect(ids).not.toContain('too-big');
  });
});

describe('local Event Grid topic across a restart', () => {
  it('delivers an accepted event after the topic is closed and recreated on the same store', async () => {
    // A port nothing listens on yet: the webhook is "down" while the first topic runs.
    const probe = await listen(() => {});
    const port = (probe.server.address() as AddressInfo).port;
    await new Promise((r) => probe.server.close(r));
    const store = join(dir, 'restart.sqlite');
    const subs = parseSubscriptions({
      subscriptions: [{ name: 'restart-hook', destination: { type: 'webhook', url: `http://127.0.0.1:${port}/restart` } }],
    });
    const make = (): EventGridTopic =>
      createEventGridTopic({
        topicName: 'restart',
        key: KEY,
        subscriptions: subs,
        deliverToFunction: async () => {},
        deadLetter: new BlobDeadLetterSink(deadLetters),
        store,
        retry: RETRY,
      });
    let current = make();
    const { url } = await listen((req, res) => void current.handle(req, res));
    current.start();
    const client = new EventGridPublisherClient(
      `${url}/runtime/eventgrid/topics/restart/api/events`,
      'CloudEvent',
      new AzureKeyCredential(KEY),
      LOCAL,
    );
    await client.send([{ id: 'survivor', type: 'Test.Restart', source: '/tests', data: { keep: true } }]);
    await settle(150); // a few refused attempts against the down webhook
    await current.close();

    const restartHits: Received[] = [];
    await listen((req, res) => {
      const chunks: Buffer[] = [];
      req
        .on('data', (c: Buffer) => chunks.push(c))
        .on('end', () => {
          restartHits.push({
            path: req.url ?? '',
            headers: req.headers,
            body: JSON.parse(Buffer.concat(chunks).toString()),
          });
          res.writeHead(200).end();
        });
    }, port);
    await settle(200);
    expect(restartHits).toEqual([]); // the closed topic delivers nothing

    current = make();
    cleanups.push(() => current.close());
    current.start();
    await until('redelivery after restart', () => restartHits.length >= 1);
    await settle();
    expect(restartHits).toHaveLength(1);
    expect(restartHits[0]?.body).toMatchObject({ id: 'survivor', data: { keep: true } });
    // Failed attempts made before the restart were persisted and still count.
    expect(Number(restartHits[0]?.headers['aeg-delivery-count'])).toBeGreaterThanOrEqual(1);
  });
});
