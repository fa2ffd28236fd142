import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { EventGridEventPublisher } from '../../adapters/event-publisher/event-grid-event-publisher.js';
import { eventPublisherContract } from '../../adapters/event-publisher/event-publisher.contract.js';
import type { PublishedEvent } from '../../adapters/event-publisher/event-publisher.js';
import { createEventGridTopic, type EventGridTopic } from '../../infra/local/eventgrid/index.js';
import { freePort } from '../../infra/local/free-port.js';

const KEY = 'topic-key';
let topic: EventGridTopic;
let server: Server;
let endpoint: string;
/** What the function subscription received, as CloudEvents (the schema the adapter publishes in). */
const received: { id: string; type: string; source: string; subject: string; time: string; data: unknown }[] = [];

beforeAll(async () => {
  // The topic as the local host mounts it, with one function subscription for everything.
  topic = createEventGridTopic({
    topicName: 'newsdesk',
    key: KEY,
    subscriptions: [{ name: 'all', destination: { type: 'function', functionName: 'subscriber' }, filter: {} }],
    deliverToFunction: async (_name, event) => void received.push(event as (typeof received)[number]),
    deadLetter: { write: async () => undefined },
    store: ':memory:',
  });
  topic.start();
  server = createServer((req, res) => void topic.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/events`;
});
afterAll(async () => {
  await topic?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const asPublished = ({ id, type, source, subject, time, data }: (typeof received)[number]): PublishedEvent => ({
  id,
  type,
  source,
  subject,
  time: new Date(time),
  data,
});

eventPublisherContract(
  'EventGridEventPublisher on the local Event Grid topic',
  async () => ({ publisher: new EventGridEventPublisher(endpoint, KEY), delivered: () => received.map(asPublished) }),
  async () => new EventGridEventPublisher(`http://127.0.0.1:${await freePort()}/api/events`, KEY),
);
