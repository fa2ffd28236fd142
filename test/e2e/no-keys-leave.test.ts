import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { QueueClient } from '@azure/storage-queue';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeEnvelope } from '../../adapters/job-queue/storage-queue-envelope.js';
import type { AnalysisJob } from '../../contracts/job.js';
import { startAnalysedStack, type AnalysedStack } from '../support/analysed-stack.js';
import { submitFixtures } from '../support/newsdesk-stack.js';

// No system or master key leaves the function app: a submission runs end to end on the stack as `npm start` runs it,
// with its own worker process, and everything that left the app on the way is scanned for the host's keys.
let bed: AnalysedStack;
beforeAll(async () => {
  // No worker until a job waits: the scaler's first tick leaves the job on the queue long enough to copy it as enqueued.
  bed = await startAnalysedStack({ min: 0, max: 1 });
}, 120_000);
afterAll(() => bed?.stop());

/** Every file under a folder, but the two where the keys are kept on purpose (the host's key store and npm start's secrets). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return name === 'host-keys.json' || name === 'local-secrets.json' ? [] : [path];
  });
}

it('finds no host key, Durable system key or code= in job messages, logs, traces, events, webhooks or API answers', async () => {
  const { stack, hook } = bed;
  // The host's key store (infra/local/host/http/keys.ts), as `func start` keeps it, and the key that signs job tokens.
  const hostKeys = JSON.parse(readFileSync(join(stack.dataDir, 'host-keys.json'), 'utf8')) as {
    masterKey: string;
    systemKeys: Record<string, string>;
  };
  const { jobTokenKey } = JSON.parse(readFileSync(join(stack.dataDir, 'local-secrets.json'), 'utf8')) as { jobTokenKey: string };
  const secrets = { master: hostKeys.masterKey, durabletask_extension: hostKeys.systemKeys.durabletask_extension!, jobTokenKey };
  // The operator's banner prints the admin (master) key on purpose; what the stack logs while it works comes after it.
  const logsFrom = stack.output().length;

  // A copy of each job message as enqueued, before a worker takes it.
  const queue = new QueueClient(stack.storage, 'analysis-jobs');
  const enqueued = new Map<string, string>();
  let peeking = true;
  const peeker = (async () => {
    while (peeking) {
      const peeked = await queue.peekMessages({ numberOfMessages: 32 }).catch(() => undefined);
      for (const m of peeked?.peekedMessageItems ?? []) enqueued.set(m.messageId, m.messageText);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();

  const answers: string[] = [];
  const submitted = await submitFixtures(stack, `${hook.url}/keys`, ['police-cars.jpg']);
  answers.push(JSON.stringify(submitted));
  await expect.poll(() => hook.received.filter((r) => r.path === '/keys').length, { timeout: 90_000, interval: 250 }).toBe(1);
  peeking = false;
  await peeker;
  for (const path of [
    `/api/submissions/${submitted.submissionId}`,
    `/api/submissions/${submitted.submissionId}/files/${submitted.files[0]!.fileId}`,
  ]) {
    const res = await fetch(`${stack.url}${path}`, { headers: { 'x-api-key': stack.apiKey } });
    answers.push(JSON.stringify([...res.headers]), await res.text());
  }

  const jobs = [...enqueued.values()].map((text) => decodeEnvelope<AnalysisJob>(text)?.body);
  expect(jobs.length).toBeGreaterThan(0);
  // What the worker got instead: the app's job-events endpoint and this job's token.
  for (const job of jobs)
    expect(job?.callback).toMatchObject({ url: expect.stringContaining('/api/jobs/'), token: expect.stringMatching(/^v1\./) });

  const places: [string, string][] = [
    ...jobs.map((job, i): [string, string] => [`job message ${i + 1}`, JSON.stringify(job)]),
    ['host, worker and classifier logs', stack.output().slice(logsFrom)],
    ...hook.received.map((r, i): [string, string] => [`webhook ${i + 1}`, JSON.stringify(r.headers) + r.rawBody]),
    ...answers.map((a, i): [string, string] => [`API answer ${i + 1}`, a]),
    // The data folder: the trace file, the local Event Grid's deliveries and dead letters, Azurite's blobs, the task hub.
    ...filesUnder(stack.dataDir).map((path): [string, string] => [path, readFileSync(path).toString('latin1')]),
  ];
  expect(places.some(([name]) => name.endsWith('traces.jsonl'))).toBe(true);
  const found: string[] = [];
  for (const [where, text] of places) {
    for (const [name, key] of Object.entries(secrets)) if (text.includes(key)) found.push(`${name} key in ${where}`);
    // A key in a URL's query (the placeholder in the banner's `?code=<master key>` is not a key).
    const code = /code=[^<&\s"']{8,}/.exec(text);
    if (code) found.push(`${code[0].slice(0, 12)}… in ${where}`);
  }
  expect(found).toEqual([]);
}, 150_000);
