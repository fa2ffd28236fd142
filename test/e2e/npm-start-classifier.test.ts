import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixture } from '../support/multipart.js';
import { startStack, type Stack } from '../support/newsdesk-stack.js';
import { startReceiver } from '../support/webhook-receiver.js';

const SECRET = 'npm-start-classifier-webhook-secret';
let stack: Stack;
let client: Awaited<ReturnType<typeof startReceiver>>;

// Nothing stands in here: npm start's own classifier service, with its offline models, and its own worker.
beforeAll(async () => {
  client = await startReceiver(SECRET);
  stack = await startStack({ NEWSDESK_DEV_WEBHOOK_SECRET: SECRET, NEWSDESK_WORKERS_MIN: '1', NEWSDESK_WORKERS_MAX: '1' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await client?.close();
});

it('npm start classifies what is submitted with its own models: people and a sport topic in a road race', async () => {
  expect(stack.output()).toMatch(/Classifier: +POST http:\/\/127\.0\.0\.1:\d+\/computervision\/imageanalysis:analyze/);
  const form = new FormData();
  form.append('webhookUrl', `${client.url}/race`);
  form.append('file', new Blob([new Uint8Array(fixture('runners-race.jpg'))]), 'runners-race.jpg');
  const res = await fetch(`${stack.url}/api/submissions`, { method: 'POST', headers: { 'x-api-key': stack.apiKey }, body: form });
  expect(res.status).toBe(202);

  await expect.poll(() => client.received.length, { timeout: 90_000, interval: 250 }).toBe(1);
  const [file] = client.received[0]!.body.files as unknown as {
    state: string;
    result: { summary: { people: number; topics: { code: string }[] } };
  }[];
  expect(file!.state).toBe('completed');
  expect(file!.result.summary.people).toBeGreaterThanOrEqual(2);
  expect(file!.result.summary.topics.map((t) => t.code)).toContain('medtop:15000000');
});
