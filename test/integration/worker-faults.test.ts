import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableWorkerHeartbeats } from '../../adapters/worker-heartbeats/table-worker-heartbeats.js';
import { containerRunnerContract } from '../../adapters/container-runner/container-runner.contract.js';
import { resultPrefix } from '../../contracts/ids.js';
import type { AnalysisJob } from '../../contracts/job.js';
import { fixture } from '../support/fixtures.js';
import { until } from '../support/until.js';
import { allRunning, startWorkerTestbed, type WorkerTestbed } from '../support/worker-testbed.js';

/** Per instance: statuses the callback answers in turn (then 202). */
const answers = new Map<string, number[]>();
let bed: WorkerTestbed;
let classifier: WorkerTestbed['classifier'];
let callbacks: WorkerTestbed['callbacks'];
let harness: WorkerTestbed['harness'];

beforeAll(async () => {
  bed = await startWorkerTestbed((e) => answers.get(e.instanceId)?.shift() ?? 202);
  ({ classifier, callbacks, harness } = bed);
}, 60_000);
afterAll(async () => {
  await bed?.stop();
});

const photoJob = (ids: { submissionId?: string } = {}) => harness.job(fixture('runners-race.jpg'), 'image/jpeg', callbacks.urlFor, ids);
const eventsFor = (job: AnalysisJob) => callbacks.events.filter((e) => e.instanceId === job.jobId);
const accepted = (job: AnalysisJob) => eventsFor(job).filter((e) => e.answered === 202);
const results = (job: AnalysisJob) => harness.blobs.list(resultPrefix(job.submissionId, job.fileId));
const queueEmpty = () => until(async () => (await harness.queue.depth()) === 0 || undefined, 30_000, 'the queue to empty');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const poisoned = (job: AnalysisJob) =>
  until(
    async () => {
      const { receivedMessageItems } = await harness.queue.poison.receiveMessages({ numberOfMessages: 32 });
      return receivedMessageItems
        .map((m) => JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')) as { messageId: string; reason: string })
        .find((m) => m.messageId === job.jobId);
    },
    30_000,
    `${job.jobId} in the poison queue`,
  );

describe('the worker and the orchestration callback', () => {
  it('drops the job of a cancelled submission: no analysis, no event, no results', async () => {
    const job = await photoJob();
    const now = new Date().toISOString();
    await harness.submissions.createSubmission(
      {
        submissionId: job.submissionId,
        clientId: 'c1',
        status: 'processing',
        channel: 'http',
        files: [],
        webhookUrl: 'https://example.com/hook',
        priority: 'normal',
        receivedAt: now,
        updatedAt: now,
        published: true,
      },
      {
        id: `${job.submissionId}-received`,
        type: 'Newsdesk.Submission.Received',
        source: '/test',
        subject: job.submissionId,
        time: new Date(),
        data: {},
      },
    );
    await harness.submissions.updateSubmission(job.submissionId, { status: 'cancelled' });
    const requestsBefore = classifier.requests.length;
    await harness.send(job);
    await queueEmpty();
    await pause(500);
    expect(eventsFor(job)).toEqual([]);
    expect(await results(job)).toEqual([]);
    expect(classifier.requests.length).toBe(requestsBefore);
  });

  it('takes 403 from the callback (the job closed: its token no longer allows the event) as the end of the job', async () => {
    const job = await photoJob();
    answers.set(job.jobId, [403]);
    await harness.send(job);
    await until(() => eventsFor(job)[0]);
    await queueEmpty();
    await pause(1500);
    expect(eventsFor(job).map((e) => e.answered)).toEqual([403]);
    // It came with the job's token, and nothing else to authorize it.
    expect(eventsFor(job)[0]!.token).toBe(job.callback.token);
  });

  it('raises again after the callback failed with 500, and completes once it is taken', async () => {
    const job = await photoJob();
    answers.set(job.jobId, [500]);
    await harness.send(job);
    await until(() => accepted(job)[0], 30_000);
    expect(eventsFor(job).map((e) => e.answered)).toEqual([500, 202]);
    expect(eventsFor(job)[1]!.payload).toEqual(eventsFor(job)[0]!.payload);
    await queueEmpty();
  });
});

describe('the worker and the classifier', () => {
  it('a refused image (400) fails the file with the classifier’s reason, without retrying', async () => {
    const job = await photoJob();
    classifier.failNext(1, 400);
    await harness.send(job);
    const event = await until(() => accepted(job)[0]);
    expect(event.name).toBe('AnalysisFailed');
    expect(String(event.payload.reason)).toMatch(/400|Invalid/);
    expect(await results(job)).toEqual([]);
  });

  it('down for a while: retries, then succeeds', async () => {
    const job = await photoJob();
    classifier.clearLog();
    classifier.down('unavailable');
    setTimeout(() => classifier.up(), 1500);
    await harness.send(job);
    const event = await until(() => accepted(job)[0], 30_000);
    expect(event.name).toBe('AnalysisCompleted');
    expect(classifier.requests.filter((r) => r.answered === 503).length).toBeGreaterThanOrEqual(1);
    expect(classifier.requests.at(-1)?.answered).toBe(200);
  });

  it('down for good: the job is dead-lettered with the reason after its deliveries, and no event is raised, so the orchestration’s timeout escalates', async () => {
    const job = await photoJob();
    classifier.down('unavailable');
    try {
      await harness.send(job);
      const parked = await poisoned(job);
      expect(parked.reason).toMatch(/^gave up after 3 deliveries: .*classifier at http:\/\/127\.0\.0\.1:\d+ .*503/);
      expect(eventsFor(job)).toEqual([]);
      expect(await results(job)).toEqual([]);
    } finally {
      classifier.up();
    }
  });
});

describe('a classifier outage', () => {
  /**
   * The old budget on the test settings: 3 deliveries, 1 s apart, each with 1 s of classifier retries — about 6 s
   * before a job is dead-lettered. The outage lasts more than three times that, in the middle of 20 jobs.
   */
  const OUTAGE_MS = 20_000;

  it('stops the workers taking jobs, gives back what they hold without spending it, and all 20 complete once a trial call succeeds', async () => {
    const pool = bed.pool({ NEWSDESK_CLASSIFIER_BREAKER_THRESHOLD: '3', NEWSDESK_CLASSIFIER_BREAKER_COOLDOWN: 'PT1S' });
    try {
      await pool.runner.start(2);
      await allRunning(pool.runner);
      const jobs = await Promise.all(
        Array.from({ length: 20 }, () => pool.job(fixture('runners-race.jpg'), 'image/jpeg', callbacks.urlFor)),
      );
      const [before, during] = [jobs.slice(0, 5), jobs.slice(5)];
      await Promise.all(before.map((job) => pool.send(job)));
      await until(() => before.every((job) => accepted(job)[0]) || undefined, 30_000, 'the first five jobs');
      classifier.down('unavailable');
      const downAt = performance.now();
      try {
        await Promise.all(during.map((job) => pool.send(job)));
        await pause(OUTAGE_MS);
        const { peekedMessageItems } = await pool.queue.poison.peekMessages({ numberOfMessages: 32 });
        expect(peekedMessageItems).toEqual([]);
        expect(during.flatMap(eventsFor)).toEqual([]);
        // Stopped: about one trial call per worker per cool-down, not three attempts per job per delivery.
        const refused = classifier.requests.filter((r) => r.at >= downAt && r.answered === 503).length;
        expect(refused).toBeLessThan(2 * (OUTAGE_MS / 1000 + 10));
      } finally {
        classifier.up();
      }
      await until(() => jobs.every((job) => accepted(job)[0]) || undefined, 30_000, 'all 20 jobs to complete');
      expect(jobs.map((job) => eventsFor(job).map((e) => e.name))).toEqual(jobs.map(() => ['AnalysisCompleted']));
      expect((await pool.queue.poison.peekMessages({ numberOfMessages: 32 })).peekedMessageItems).toEqual([]);
    } finally {
      await pool.stop();
    }
  }, 90_000);
});

describe('a worker that cannot start its tools', () => {
  it('gives the job back for a healthy worker, marks itself unhealthy, and no client sees a server path', async () => {
    // ffprobe that exists but may not be run: spawn fails with EACCES.
    const ffprobe = join(mkdtempSync(join(tmpdir(), 'broken-ffprobe-')), 'ffprobe');
    writeFileSync(ffprobe, '#!/bin/sh\n');
    chmodSync(ffprobe, 0o644);
    const broken = bed.pool({ FFPROBE_PATH: ffprobe });
    const healthy = bed.pool({ NEWSDESK_WORK_QUEUE: broken.queueName });
    try {
      await broken.runner.start(1);
      await allRunning(broken.runner);
      const [workerId] = Object.keys(broken.runner.pids());
      const job = await broken.job(fixture('selfie-cyclists-rotate-90.mp4'), 'video/mp4', callbacks.urlFor);
      await broken.send(job);
      const heartbeats = new TableWorkerHeartbeats(bed.azurite.connectionString);
      const beat = await until(
        async () => (await heartbeats.seenSince(new Date(Date.now() - 60_000))).find((b) => b.workerId === workerId && b.problem),
        30_000,
        'the broken worker to report its problem',
      );
      expect(beat.problem).toBe('ffprobe could not be started (EACCES)');
      await pause(1500);
      // Not the file's fault: nothing was reported, and the job waits for a worker that can do it.
      expect(eventsFor(job)).toEqual([]);
      expect(await broken.queue.depth()).toBe(1);
      await healthy.runner.start(1);
      const event = await until(() => accepted(job)[0], 60_000);
      expect(event.name).toBe('AnalysisCompleted');
      expect(JSON.stringify(callbacks.events)).not.toContain(ffprobe);
    } finally {
      await healthy.stop();
      await broken.stop();
    }
  }, 90_000);
});

describe('worker processes', () => {
  it('a worker killed mid-job is restarted, and the job is redelivered and completes once', async () => {
    const job = await photoJob();
    classifier.setLatency(5000);
    await harness.send(job);
    await until(() => classifier.inFlight > 0 || undefined, 30_000, 'the job to reach the classifier');
    const [id, pid] = Object.entries(harness.runner.pids())[0]!;
    process.kill(pid!, 'SIGKILL');
    classifier.setLatency(0);
    const event = await until(() => accepted(job)[0], 30_000);
    expect(event.name).toBe('AnalysisCompleted');
    await queueEmpty();
    await pause(1000);
    expect(eventsFor(job)).toHaveLength(1);
    const worker = (await harness.runner.list()).find((w) => w.id === id);
    expect(worker).toMatchObject({ state: 'running', restarts: 1 });
  });

  it('SIGTERM lets a worker finish the job it holds before it exits', async () => {
    const job = await photoJob();
    // Inside the classifier's 1 s budget: the job is slow, not failing.
    classifier.setLatency(700);
    await harness.send(job);
    await until(() => classifier.inFlight > 0 || undefined, 30_000, 'the job to reach the classifier');
    const [id] = Object.keys(harness.runner.pids());
    await harness.runner.stop(id!);
    classifier.setLatency(0);
    expect(accepted(job).map((e) => e.name)).toEqual(['AnalysisCompleted']);
    expect(await harness.queue.depth()).toBe(0);
    await harness.runner.start(1);
    await allRunning(harness.runner);
  });

  it('SIGTERM past the shutdown grace gives the job back at once, and another worker completes it', async () => {
    const impatient = bed.pool({ NEWSDESK_WORKER_LOCK: 'PT30S', NEWSDESK_WORKER_SHUTDOWN_GRACE: 'PT0.3S' });
    try {
      await impatient.runner.start(1);
      await allRunning(impatient.runner);
      const job = await impatient.job(fixture('cat-chelsea.png'), 'image/png', callbacks.urlFor);
      classifier.setLatency(10_000);
      await impatient.send(job);
      await until(() => classifier.inFlight > 0 || undefined, 30_000, 'the job to reach the classifier');
      const started = performance.now();
      await impatient.runner.stop(Object.keys(impatient.runner.pids())[0]!);
      // Well before both the 10 s classifier call and the 30 s lock: the job was given back, not left to expire.
      expect(performance.now() - started).toBeLessThan(5000);
      classifier.setLatency(0);
      await impatient.runner.start(1);
      const event = await until(() => accepted(job)[0], 30_000);
      expect(event.name).toBe('AnalysisCompleted');
    } finally {
      classifier.setLatency(0);
      await impatient.stop();
    }
  });
});

containerRunnerContract('LocalContainerRunner (real worker processes)', async () => bed.pool().runner);
