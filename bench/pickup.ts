import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startAzurite } from '@newsdesk/local-platform/azurite';
import { LocalContainerRunner } from '@newsdesk/local-platform/containers';
import type { JobQueue } from '../adapters/job-queue/job-queue.js';
import type { AnalysisJob } from '../contracts/job.js';
import { StorageQueueJobQueue } from '../adapters/job-queue/storage-queue-job-queue.js';
import { wakeOnSend } from '../adapters/job-queue/wake-on-send.js';
import { DatagramJobWake } from '../adapters/job-wake/datagram-job-wake.js';
import { listenForJobWakes } from '../adapters/job-wake/datagram-job-wakeups.js';
import { JOB_WAKE_MESSAGE } from '../adapters/job-wake/parent-process-job-wakeups.js';
import { percentile } from './percentile.js';
import type { Figure } from './report.js';

const CHILD = resolve(fileURLToPath(new URL('.', import.meta.url)), 'pickup-child.js');
const WORKERS = 2;
const JOBS = 30;
const IDLE_SECONDS = 10;
const clock = () => performance.timeOrigin + performance.now();

/** wake: nudged on every send; poll: the same workers without the nudge; fixed: polling every second, as before both. */
type Mode = 'wake' | 'poll' | 'fixed';

interface Line {
  worker: string;
  poll?: number;
  job?: string;
  at?: number;
}

/**
 * Two worker processes under the local container runner, on Azurite, idle and then taking jobs sent one at a time at
 * random moments; with `wake` the sender nudges them as npm start's app does (a loopback datagram the runner relays
 * over IPC), without it they find each job on their next poll. Returns each job's time from enqueue to a worker
 * holding it, and the idle polls per worker per second.
 */
async function run(storage: string, mode: Mode): Promise<{ pickupMs: number[]; idlePollsPerSecond: number }> {
  const wake = mode === 'wake';
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-pickup-'));
  const log = join(dir, 'log.jsonl');
  const queueName = `pickup-${mode}-${Date.now().toString(36)}`;
  const runner = new LocalContainerRunner({
    entry: CHILD,
    env: {
      ...process.env,
      AzureWebJobsStorage: storage,
      PICKUP_QUEUE: queueName,
      PICKUP_LOG: log,
      PICKUP_WAKE: wake ? 'on' : 'off',
      PICKUP_BACKOFF: mode === 'fixed' ? 'off' : 'on',
    },
    stopTimeoutMs: 5_000,
    readyMarker: 'PICKUP_READY ',
    idVariable: 'PICKUP_WORKER_ID',
    ipc: true,
  });
  const wakes = await listenForJobWakes();
  wakes.onWake(() => runner.broadcast(JOB_WAKE_MESSAGE));
  const plain = new StorageQueueJobQueue<unknown>(storage, queueName);
  const queue: JobQueue<unknown> = wake ? wakeOnSend(plain, new DatagramJobWake(`127.0.0.1:${wakes.port}`)) : plain;
  const lines = () =>
    readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line);
  try {
    await queue.depth(); // creates the queue
    await runner.start(WORKERS);
    while ((await runner.list()).some((w) => w.state !== 'running')) await sleep(50);
    // Past the backoff's first, short intervals: the workers are idle, as between photos.
    await sleep(3_000);
    const idleFrom = clock();
    await sleep(IDLE_SECONDS * 1000);
    const idleTo = clock();
    // Per worker, polls over the span from its first to its last poll in the window: a window's edges would count ±1.
    const idle = lines().filter((l) => l.poll !== undefined && l.poll >= idleFrom && l.poll < idleTo);
    const rates = [...new Set(idle.map((l) => l.worker))].map((worker) => {
      const polls = idle.filter((l) => l.worker === worker).map((l) => l.poll!);
      return (polls.length - 1) / ((Math.max(...polls) - Math.min(...polls)) / 1000);
    });

    const sentAt = new Map<string, number>();
    for (let i = 0; i < JOBS; i++) {
      // A random moment in the workers' poll cycle, after they have gone back to waiting.
      await sleep(1_000 + Math.random() * 1_000);
      const jobId = `job-${i}`;
      // From the moment the job is on the queue (the send's request answered), as the stage the issue measured.
      await queue.send(benchJob(jobId), { messageId: jobId });
      sentAt.set(jobId, clock());
    }
    const deadline = Date.now() + 10_000;
    let taken = new Map<string, number>();
    while (taken.size < JOBS && Date.now() < deadline) {
      await sleep(100);
      taken = new Map(lines().flatMap((l) => (l.job && l.at ? [[l.job, l.at] as const] : [])));
    }
    return {
      pickupMs: [...sentAt].flatMap(([id, at]) => (taken.has(id) ? [taken.get(id)! - at] : [])),
      idlePollsPerSecond: rates.reduce((a, b) => a + b, 0) / rates.length,
    };
  } finally {
    await runner.stopAll();
    await Promise.all([queue.close(), wakes.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A job the consumer accepts; its handler in the child only notes when it got it. */
function benchJob(jobId: string): AnalysisJob {
  return {
    jobId,
    submissionId: 'bench',
    fileId: jobId,
    blob: `incoming/bench/${jobId}`,
    blobUrl: 'http://127.0.0.1:1/none',
    mediaType: 'photo',
    contentType: 'image/jpeg',
    deadline: new Date(Date.now() + 600_000).toISOString(),
    callback: { instanceId: jobId, url: 'http://127.0.0.1:1/{eventName}', token: 'none' },
  };
}

/**
 * Queue pickup on one machine: from the moment a job is sent to the storage queue (Azurite) to a worker process
 * holding it, with the app's wake on and, in the same run, off (the workers then find it on their next poll, once a
 * second when idle, sooner just after a job), and with the fixed one-second polls of before; and what idle workers
 * cost: polls per worker per second.
 */
export async function benchPickup(): Promise<Figure[]> {
  const location = mkdtempSync(join(tmpdir(), 'newsdesk-bench-pickup-'));
  const azurite = await startAzurite({ location });
  try {
    const fixed = await run(azurite.connectionString, 'fixed');
    const off = await run(azurite.connectionString, 'poll');
    const on = await run(azurite.connectionString, 'wake');
    const r = (n: number) => Math.round(n * 10) / 10;
    const r2 = (n: number) => Math.round(n * 100) / 100;
    const jobs = `${JOBS} jobs sent one at a time 1–2 s apart to ${WORKERS} idle worker processes (consumer loop, storage queue adapter, local container runner), idle poll 1 s`;
    return [
      {
        name: 'pickup p50, job on the queue → a worker holds it, wake on',
        value: percentile(on.pickupMs, 50),
        unit: 'ms',
        goal: { op: '<=', value: 50 },
        compare: {
          'wake off p50 ms': r(percentile(off.pickupMs, 50)),
          'fixed 1 s polls (before) p50 ms': r(percentile(fixed.pickupMs, 50)),
        },
        notes: `${jobs}; taken: ${on.pickupMs.length}/${JOBS} with the wake, ${off.pickupMs.length}/${JOBS} without, ${fixed.pickupMs.length}/${JOBS} with fixed polls`,
      },
      {
        name: 'pickup p95, wake on',
        value: percentile(on.pickupMs, 95),
        unit: 'ms',
        compare: {
          'wake off p95 ms': r(percentile(off.pickupMs, 95)),
          'fixed 1 s polls (before) p95 ms': r(percentile(fixed.pickupMs, 95)),
        },
      },
      {
        name: 'idle polls per worker per second, wake on',
        value: on.idlePollsPerSecond,
        unit: 'polls/s',
        // The "no busy polling at one second idle": about one a second, not an exact 1.000 (a poll's own
        // round trip and the timer's drift move it by a few per cent either way).
        goal: { op: '<=', value: 1.1 },
        compare: {
          'wake off polls/s': r2(off.idlePollsPerSecond),
          'fixed 1 s polls (before) polls/s': r2(fixed.idlePollsPerSecond),
        },
        notes: `counted over ${IDLE_SECONDS} s of idle workers, after the backoff's short intervals`,
      },
    ];
  } finally {
    await azurite.stop();
    rmSync(location, { recursive: true, force: true });
  }
}
