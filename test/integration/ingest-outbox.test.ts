import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventGridEventPublisher } from '../../adapters/event-publisher/event-grid-event-publisher.js';
import { TableIngestStore } from '../../adapters/ingest-store/table-ingest-store.js';
import { acceptSubmission } from '../../ingest/submissions/accept-submission.js';
import { relayOutbox } from '../../ingest/outbox/relay-outbox.js';
import { BlobDeadLetterSink, createEventGridTopic } from '@newsdesk/local-platform/eventgrid';
import { startAzurite, type RunningAzurite } from '@newsdesk/local-platform/azurite';
import { freePort } from '@newsdesk/local-platform';

let azurite: RunningAzurite;
let server: Server;
let endpoint: string;
const delivered: { id: string; type: string; data: { submissionId: string } }[] = [];
let closeTopic: () => Promise<void>;

beforeAll(async () => {
  azurite = await startAzurite({ location: mkdtempSync(join(tmpdir(), 'azurite-outbox-')) });
  const topic = createEventGridTopic({
    topicName: 'newsdesk',
    key: 'topic-key',
    subscriptions: [{ name: 'starter', destination: { type: 'function', functionName: 'start' }, filter: {} }],
    deliverToFunction: async (_name, event) => void delivered.push(event as (typeof delivered)[number]),
    deadLetter: new BlobDeadLetterSink(BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('dl')),
    store: ':memory:',
  });
  topic.start();
  closeTopic = () => topic.close();
  server = createServer((req, res) => void topic.handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/events`;
});
afterAll(async () => {
  await closeTopic?.();
  await new Promise((r) => server?.close(r));
  await azurite?.stop();
});

describe('the outbox: a submission is never lost when Event Grid is down', () => {
  it('accepts and records while the topic is unreachable, then the relay publishes it exactly once', async () => {
    const store = new TableIngestStore(azurite.connectionString);
    const down = new EventGridEventPublisher(`http://127.0.0.1:${await freePort()}/api/events`, 'topic-key');
    const up = new EventGridEventPublisher(endpoint, 'topic-key');
    const client = { clientId: 'c1', name: 'Desk', webhookSecret: 's'.repeat(20), rateLimitPerMinute: 60 };
    const submissionId = `s-outbox-${Date.now()}`;
    const file = {
      fileId: 'f1',
      name: 'a.jpg',
      size: 3,
      contentType: 'image/jpeg' as const,
      sha256: 'a'.repeat(64),
      blob: `incoming/${submissionId}/f1`,
    };
    const accepted = await acceptSubmission(
      { store, events: down, now: () => new Date() },
      { submissionId, client, files: [file], channel: 'http', webhookUrl: 'https://example.test/hook', priority: 'normal' },
      'http://127.0.0.1:7071',
    );
    expect(accepted.submissionId).toBe(submissionId);
    expect((await store.getSubmission(submissionId))?.published).toBe(false);

    expect(await relayOutbox({ store, events: down })).toBe(0);
    expect((await store.pendingEvents(100)).map((p) => p.submissionId)).toContain(submissionId);

    expect(await relayOutbox({ store, events: up })).toBeGreaterThanOrEqual(1);
    expect((await store.getSubmission(submissionId))?.published).toBe(true);
    await expect.poll(() => delivered.filter((e) => e.id === submissionId).length).toBe(1);
    expect(delivered.find((e) => e.id === submissionId)).toMatchObject({ type: 'Newsdesk.Submission.Received', data: { submissionId } });
    expect(await relayOutbox({ store, events: up })).toBe(0);
  });
});
