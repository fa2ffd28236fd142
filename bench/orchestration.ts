import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StorageQueueJobQueue } from '../adapters/job-queue/storage-queue-job-queue.js';
import { fileInstanceId } from '../contracts/ids.js';
import { JOB_TOKEN_HEADER, type AnalysisJob } from '../contracts/job.js';
import type { Figure } from './report.js';
import { scriptedAnalysis } from '../test/support/scripted-analysis.js';
import { launchStack } from '../infra/stack/launch-stack.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const MASTER = 'bench-master-key-0123456789abcdef';

/** Wall time covered by at least one of the intervals (the workers' busy time, overlapping ones counted once). */
function covered(intervals: [number, number][]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [s, e] of sorted) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  return total;
}

/** Orchestration overhead: from the 202 (event published) to the webhook received, minus the time workers were busy. */
export async function benchOrchestration(): Promise<Figure[]> {
  const received = new Map<string, number>();
  const hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.set((JSON.parse(body) as { submissionId: string }).submissionId, performance.now());
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  const stack = await launchStack(
    { NEWSDESK_DEFAULT_RATE_LIMIT: '1000000', NEWSDESK_MAX_FILES: '100', NEWSDESK_HOST_MASTER_KEY: MASTER, NEWSDESK_WORKERS_MAX: '0' },
    { echoStderr: true },
  );
  const ready = stack;
  // A worker that answers at once and records when it was busy.
  const busy: [number, number][] = [];
  const queue = new StorageQueueJobQueue<AnalysisJob>(ready.storage, 'analysis-jobs');
  let running = true;
  const worker = (async () => {
    while (running) {
      for (const job of await queue.receive({ max: 32, lockSeconds: 60, waitSeconds: 0.05 })) {
        void (async () => {
          const start = performance.now();
          await fetch(job.body.callback.url.replace('{eventName}', 'AnalysisCompleted'), {
            method: 'POST',
            headers: { 'content-type': 'application/json', [JOB_TOKEN_HEADER]: job.body.callback.token },
            body: JSON.stringify({ fileId: job.body.fileId, summary: scriptedAnalysis(job.body.mediaType) }),
          });
          await job.complete();
          busy.push([start, performance.now()]);
        })();
      }
    }
  })();
  const photo = readFileSync(join(ROOT, 'test/fixtures/cat-chelsea.png'));
  const history = async (id: string) =>
    (
      (await (await fetch(`${ready.url}/runtime/webhooks/durabletask/instances/${id}?code=${MASTER}&showHistory=true`)).json()) as {
        historyEvents: { EventType: string; Name?: string; Timestamp: string }[];
      }
    ).historyEvents;
  const run = async (files: number): Promise<{ overhead: number; queueWait: number }> => {
    const form = new FormData();
    form.append('webhookUrl', hookUrl);
    for (let i = 0; i < files; i++) form.append('file', new Blob([new Uint8Array(photo)]), `p${i}.png`);
    const res = await fetch(`${ready.url}/api/submissions`, { method: 'POST', headers: { 'x-api-key': ready.apiKey }, body: form });
    const acceptedWall = Date.now();
    const accepted = performance.now();
    if (res.status !== 202) throw new Error(`submission answered ${res.status}`);
    const { submissionId, files: stored } = (await res.json()) as { submissionId: string; files: { fileId: string }[] };
    busy.length = 0;
    while (!received.has(submissionId)) await new Promise((r) => setTimeout(r, 2));
    const total = received.get(submissionId)! - accepted;
    // The time each job spent with the queue and the workers: from its enqueue to its AnalysisCompleted.
    const withWorkers: [number, number][] = [];
    for (const f of stored) {
      const events = await history(fileInstanceId(submissionId, f.fileId));
      const enqueued = events.find((e) => e.EventType === 'TaskCompleted');
      const answered = events.find((e) => e.EventType === 'EventRaised');
      if (enqueued && answered)
        withWorkers.push([Date.parse(enqueued.Timestamp) - acceptedWall, Date.parse(answered.Timestamp) - acceptedWall]);
    }
    const queueAndWorkers = covered(withWorkers);
    const working = covered(busy.filter(([s]) => s >= accepted).map(([s, e]) => [s - accepted, e - accepted]));
    return { overhead: total - queueAndWorkers, queueWait: queueAndWorkers - working };
  };
  try {
    await run(1);
    const runs: { overhead: number; queueWait: number }[] = [];
    for (let i = 0; i < 10; i++) runs.push(await run(1));
    const one = runs.map((r) => r.overhead).sort((a, b) => a - b);
    const waits = runs.map((r) => r.queueWait).sort((a, b) => a - b);
    const hundred = await run(100);
    return [
      {
        name: 'Orchestration overhead, 1 file (median of 10): Submission.Received → webhook received, minus the time jobs spent with the queue and the workers',
        value: one[5]!,
        unit: 'ms',
        goal: { op: '<=', value: 50 },
        compare: { min: one[0]!, max: one[9]!, 'median queue pickup wait (storage-queue polling) ms': waits[5]! },
      },
      {
        name: 'Orchestration overhead, 100 files in one submission',
        value: hundred.overhead,
        unit: 'ms',
        goal: { op: '<=', value: 500 },
        compare: { 'queue pickup wait ms': hundred.queueWait },
      },
    ];
  } finally {
    running = false;
    await worker;
    await stack.stop();
    hook.close();
  }
}
