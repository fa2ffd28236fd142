import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_WAKE_MESSAGE } from '../../adapters/job-wake/parent-process-job-wakeups.js';
import { fixture } from '../support/fixtures.js';
import { until } from '../support/until.js';
import { allRunning, startWorkerTestbed, type WorkerPool, type WorkerTestbed } from '../support/worker-testbed.js';

let bed: WorkerTestbed;
let pool: WorkerPool;
beforeAll(async () => {
  bed = await startWorkerTestbed();
  // An idle poll of 30 s: once its backoff has grown, the worker waits seconds between polls.
  pool = bed.pool({ NEWSDESK_WORKER_POLL: 'PT30S' });
  await pool.runner.start(1);
  await allRunning(pool.runner);
});
afterAll(async () => {
  await pool?.stop();
  await bed?.stop();
});

describe('a real worker process woken by the local container runner', () => {
  it('takes a job at once when the runner relays a wake, though it is between polls seconds apart', async () => {
    // Empty polls 50 ms apart, doubling: 7 s after it started, the worker is in a wait of 6.4 s.
    await sleep(7_000);
    const job = await pool.job(fixture('squirrel-exif-iptc.jpg'), 'image/jpeg', bed.callbacks.urlFor);
    const sent = performance.now();
    await pool.send(job);
    expect(pool.runner.broadcast(JOB_WAKE_MESSAGE)).toBe(1);
    // Taken: a received message is invisible, so a peek no longer sees it.
    await until(
      async () => ((await pool.queue.queue.peekMessages()).peekedMessageItems.length === 0 ? true : undefined),
      15_000,
      'the job to be taken',
    );
    expect(performance.now() - sent).toBeLessThan(2_500);
    await until(() => bed.callbacks.events.find((e) => e.instanceId === job.jobId), 30_000, 'its event');
  });
});
