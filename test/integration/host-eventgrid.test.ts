import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AzureKeyCredential, EventGridPublisherClient } from '@azure/eventgrid';
import { BlobServiceClient } from '@azure/storage-blob';
import { startAzurite, type RunningAzurite } from '@newsdesk/local-platform/azurite';
import { MASTER_KEY, startHostProcess, type HostProcess } from '../support/host-process.js';
import { ROOT } from '../support/root.js';

const TOPIC_KEY = 'local-topic-key-for-tests';
let azurite: RunningAzurite;
let host: HostProcess;
let receiver: Server;
const hits: { path: string; count: string | undefined; body: unknown }[] = [];

async function receivedEvents(): Promise<{ event: { id: string; type: string; data: unknown } }[]> {
  return (await (await fetch(`${host.url}/api/received?code=${MASTER_KEY}`)).json()) as {
    event: { id: string; type: string; data: unknown };
  }[];
}

beforeAll(async () => {
  azurite = await startAzurite({ location: mkdtempSync(join(tmpdir(), 'azurite-')) });
  // A webhook receiver: /flaky fails twice then succeeds, /down never succeeds.
  const failures = new Map<string, number>();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hits.push({ path: req.url ?? '', count: req.headers['aeg-delivery-count'] as string | undefined, body: JSON.parse(body) as unknown });
      const n = (failures.get(req.url ?? '') ?? 0) + 1;
      failures.set(req.url ?? '', n);
      res.writeHead(req.url === '/down' || n <= 2 ? 503 : 200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const port = (receiver.address() as AddressInfo).port;
  // The app folder lives outside the project: the host must resolve its packages from the project.
  const app = mkdtempSync(join(tmpdir(), 'eg-app-'));
  for (const f of ['package.json', 'index.js']) copyFileSync(join(ROOT, 'test/apps/eventgrid', f), join(app, f));
  writeFileSync(
    join(app, 'local.eventgrid.json'),
    JSON.stringify({
      topics: {
        newsdesk: {
          subscriptions: [
            {
              name: 'to-function',
              destination: { type: 'function', functionName: 'onNewsEvent' },
              filter: { includedEventTypes: ['Newsdesk.Test.Published'] },
            },
            {
              name: 'to-flaky-webhook',
              destination: { type: 'webhook', url: `http://127.0.0.1:${port}/flaky` },
              filter: { subjectBeginsWith: '/flaky/' },
            },
            {
              name: 'to-dead-webhook',
              destination: { type: 'webhook', url: `http://127.0.0.1:${port}/down` },
              filter: { subjectBeginsWith: '/down/' },
              retryPolicy: { maxDeliveryAttempts: 3 },
            },
          ],
        },
      },
      retry: { initialDelayMs: 100, maxDelayMs: 400 },
    }),
  );
  host = await startHostProcess({ app, env: { AzureWebJobsStorage: azurite.connectionString, NEWSDESK_EVENTGRID_TOPIC_KEY: TOPIC_KEY } });
});

afterAll(async () => {
  await host?.kill();
  await new Promise((r) => receiver?.close(r));
  await azurite?.stop();
});

function publisher(): EventGridPublisherClient<'CloudEvent'> {
  return new EventGridPublisherClient(
    `${host.url}/runtime/eventgrid/topics/newsdesk/api/events`,
    'CloudEvent',
    new AzureKeyCredential(TOPIC_KEY),
    {
      allowInsecureConnection: true,
    },
  );
}

describe('Event Grid on the local host, published with the real @azure/eventgrid client', () => {
  it('delivers a matching event to an eventGridTrigger function', async () => {
    await publisher().send([
      { type: 'Newsdesk.Test.Published', source: '/tests', subject: '/fn/1', id: 'evt-fn-1', data: { hello: 'world' } },
    ]);
    await expect.poll(async () => (await receivedEvents()).map((r) => r.event.id), { timeout: 10_000 }).toContain('evt-fn-1');
    const got = (await receivedEvents()).find((r) => r.event.id === 'evt-fn-1');
    expect(got?.event).toMatchObject({ type: 'Newsdesk.Test.Published', data: { hello: 'world' } });
  });

  it('retries a function that throws until it succeeds', async () => {
    await fetch(`${host.url}/api/fail-next/2?code=${MASTER_KEY}`, { method: 'POST' });
    await publisher().send([{ type: 'Newsdesk.Test.Published', source: '/tests', subject: '/fn/2', id: 'evt-fn-2', data: { n: 2 } }]);
    await expect.poll(async () => (await receivedEvents()).filter((r) => r.event.id === 'evt-fn-2').length, { timeout: 10_000 }).toBe(1);
  });

  it('retries a webhook that fails, then delivers once', async () => {
    await publisher().send([{ type: 'Newsdesk.Test.Other', source: '/tests', subject: '/flaky/1', id: 'evt-flaky', data: { n: 1 } }]);
    await expect.poll(() => hits.filter((h) => h.path === '/flaky').length, { timeout: 10_000 }).toBe(3);
    expect(hits.filter((h) => h.path === '/flaky').map((h) => h.count)).toEqual(['0', '1', '2']);
    // The function subscription filters on type: it never saw this event.
    expect((await receivedEvents()).some((r) => r.event.id === 'evt-flaky')).toBe(false);
  });

  it('dead-letters a delivery that never succeeds into Blob Storage', async () => {
    await publisher().send([{ type: 'Newsdesk.Test.Other', source: '/tests', subject: '/down/1', id: 'evt-down', data: { lost: false } }]);
    const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('eventgrid-deadletter');
    await expect
      .poll(
        async () => {
          if (!(await container.exists())) return [];
          const names: string[] = [];
          for await (const b of container.listBlobsFlat({ prefix: 'newsdesk/to-dead-webhook/' })) names.push(b.name);
          return names;
        },
        { timeout: 15_000 },
      )
      .toHaveLength(1);
    expect(hits.filter((h) => h.path === '/down')).toHaveLength(3);
  });

  it('rejects a publish with the wrong key and keeps serving', async () => {
    const bad = new EventGridPublisherClient(
      `${host.url}/runtime/eventgrid/topics/newsdesk/api/events`,
      'CloudEvent',
      new AzureKeyCredential('wrong'),
      { allowInsecureConnection: true },
    );
    await expect(bad.send([{ type: 't', source: '/s', id: 'x', data: { n: 1 } }])).rejects.toMatchObject({ statusCode: 401 });
    const unknown = await fetch(`${host.url}/runtime/eventgrid/topics/nope/api/events`, { method: 'POST', body: '[]' });
    expect(unknown.status).toBe(404);
    expect((await fetch(`${host.url}/api/received?code=${MASTER_KEY}`)).status).toBe(200);
  });
});
