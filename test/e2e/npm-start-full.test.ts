import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SpanLine } from '../../adapters/telemetry/json-lines-span-exporter.js';
import { parseSpanLines, spansOfSubmission } from '../../adapters/telemetry/span-tree.js';
import { startStack, submitFixtures, type Stack } from '../support/newsdesk-stack.js';
import { startReceiver } from '../support/webhook-receiver.js';

const SECRET = 'trace-e2e-webhook-secret-0123';
const PRINT_TRACE = resolve(import.meta.dirname, '../../dist/infra/stack/print-trace.js');
let stack: Stack;
let client: Awaited<ReturnType<typeof startReceiver>>;

// npm start as it is, with nothing standing in: its own worker and classifier service with its offline models.
// Every process appends its spans to {dataDir}/traces.jsonl.
beforeAll(async () => {
  client = await startReceiver(SECRET);
  stack = await startStack({ NEWSDESK_DEV_WEBHOOK_SECRET: SECRET, NEWSDESK_WORKERS_MIN: '1', NEWSDESK_WORKERS_MAX: '1' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await client?.close();
});

it('one submission is one trace, with spans from ingest, orchestration, worker, classifier and webhook delivery', async () => {
  const { submissionId } = await submitFixtures(stack, `${client.url}/traced`, ['dog-bicycle-truck.jpg']);

  await expect.poll(() => client.received.filter((r) => r.path === '/traced').length, { timeout: 90_000, interval: 250 }).toBe(1);
  const file = join(stack.dataDir, 'traces.jsonl');
  const has = (spans: SpanLine[], name: string) => spans.some((s) => s.name === name);
  // The delivery span ends just after the receiver answered.
  await expect
    .poll(() => has(spansOfSubmission(parseSpanLines(readFileSync(file, 'utf8')), submissionId), 'activity.deliverWebhook'), {
      timeout: 10_000,
    })
    .toBe(true);

  const all = parseSpanLines(readFileSync(file, 'utf8'));
  const spans = spansOfSubmission(all, submissionId);
  const [traceId] = new Set(spans.map((s) => s.traceId));
  // Nothing of this submission went into another trace.
  const elsewhere = all.filter((s) => s.attributes['newsdesk.submission_id'] === submissionId && s.traceId !== traceId);
  expect(elsewhere).toEqual([]);

  const stage = (service: string, name: string) => spans.find((s) => s.service === service && s.name === name);
  const root = stage('newsdesk-functions', 'submission.receive');
  expect(root?.parentSpanId).toBeUndefined();
  expect(stage('newsdesk-functions', 'orchestration.start')?.parentSpanId).toBe(root?.spanId);
  const enqueue = stage('newsdesk-functions', 'activity.enqueueAnalysis');
  const job = stage('newsdesk-worker', 'worker.job');
  expect(job?.parentSpanId).toBe(enqueue?.spanId);
  for (const name of ['download', 'analyze.photo', 'classify', 'results.write', 'event.raise'])
    expect(stage('newsdesk-worker', name), name).toBeDefined();
  const classify = stage('newsdesk-worker', 'classify');
  const served = stage('newsdesk-classifier', 'classifier.analyze');
  expect(served?.parentSpanId).toBe(classify?.spanId);
  expect(stage('newsdesk-classifier', 'models.detect')?.parentSpanId).toBe(served?.spanId);
  const delivery = stage('newsdesk-functions', 'activity.deliverWebhook');
  expect(delivery?.attributes['newsdesk.outcome']).toBe('delivered');
  // The receiver got the delivery activity's context: a client may join the trace.
  expect(client.received.find((r) => r.path === '/traced')!.traceparent).toBe(`00-${traceId}-${delivery?.spanId}-01`);

  const printed = execFileSync(process.execPath, [PRINT_TRACE, stack.dataDir, submissionId], { encoding: 'utf8' });
  console.log(printed);
  expect(printed.split('\n')[0]).toBe(`trace ${traceId} (${spans.length} spans)`);
  for (const line of [
    /submission\.receive \[newsdesk-functions\]/,
    /activity\.enqueueAnalysis \[newsdesk-functions\]/,
    /worker\.job \[newsdesk-worker\] .*outcome=completed/,
    /classifier\.analyze \[newsdesk-classifier\]/,
    /activity\.deliverWebhook \[newsdesk-functions\] .*outcome=delivered/,
  ])
    expect(printed).toMatch(line);
});

it('npm start classifies what is submitted with its own models: people and a sport topic in a road race', async () => {
  expect(stack.output()).toMatch(/Classifier: +POST http:\/\/127\.0\.0\.1:\d+\/computervision\/imageanalysis:analyze/);
  await submitFixtures(stack, `${client.url}/race`, ['runners-race.jpg']);

  await expect.poll(() => client.received.filter((r) => r.path === '/race').length, { timeout: 90_000, interval: 250 }).toBe(1);
  const [file] = client.received.find((r) => r.path === '/race')!.body.files!;
  expect(file!.state).toBe('completed');
  expect(file!.analysis?.people).toBeGreaterThanOrEqual(2);
  expect(file!.analysis?.topics).toContainEqual(expect.objectContaining({ code: 'medtop:15000000', name: 'sport' }));
});
