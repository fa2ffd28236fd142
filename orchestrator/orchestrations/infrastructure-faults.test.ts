import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { summaryBlobOf } from '../../contracts/ids.js';
import type { SubmissionSummary } from '../../contracts/submission-summary.js';
import { getStatus, waitForStatus } from '../../test/support/durable-client.js';
import { orchestrationTestbed, TEST_SETTINGS, type OrchestrationTestbed } from '../../test/support/orchestration-testbed.js';
import { failTimes, type Fault } from '../../test/support/transient-faults.js';

// Storage, the queue and Event Grid may each be out for a while: an activity that meets the outage throws, and the
// orchestration tries it again on durable timers (TEST_SETTINGS.activityRetry: 50 ms doubling to 200 ms, for 5 s).
let bed: OrchestrationTestbed;
beforeAll(async () => {
  bed = await orchestrationTestbed();
});
afterAll(() => bed?.stop());
let faults: Fault[] = [];
afterEach(() => {
  faults.forEach((f) => f.restore());
  faults = [];
});

const deliveriesTo = (path: string) => bed.hook.received.filter((r) => r.path === path);
const scheduled = async (instanceId: string, activity: string) =>
  ((await getStatus(bed, instanceId, 'showHistory=true')).historyEvents ?? []).filter(
    (e) => e.EventType === 'TaskScheduled' && e.Name === activity,
  ).length;

describe('an infrastructure outage during a submission', () => {
  it('is ridden out at every stage: the submission completes and is delivered exactly once', async () => {
    const input = await bed.submit({ files: { 'dog.jpg': { kind: 'complete' }, 'cuts.mp4': { kind: 'complete' } }, hookPath: '/outage' });
    const s = input.submission.submissionId;
    // Each stage's storage or queue call fails three times before it works again.
    faults = [
      failTimes(bed.store, 'updateSubmission', 3), // markSubmission
      failTimes(bed.queue, 'send', 3), // enqueueAnalysis
      failTimes(bed.store, 'updateFileState', 3), // recordFileState
      failTimes(bed.blobs, 'uploadJson', 3), // writeSummary
      failTimes(bed.deliveries, 'recordAttempt', 3), // deliverWebhook, after its POST
    ];
    await bed.start('submission', s, input);
    const done = await waitForStatus(bed, s, ['Completed', 'Failed'], 20_000);
    expect(done.runtimeStatus).toBe('Completed');
    expect(done.output).toMatchObject({ status: 'completed', delivery: { outcome: 'delivered', attempts: 1, deliveryId: `${s}.1` } });
    for (const f of faults) expect(f.calls()).toBeGreaterThan(3);

    // The POST went out once: the attempt it could not record was recorded afterwards, without sending it again.
    expect(deliveriesTo('/outage').map((r) => [r.deliveryId, r.answered, r.validSignature])).toEqual([[`${s}.1`, 200, true]]);
    expect((await bed.deliveries.listAttempts(s)).map((a) => [a.deliveryId, a.attempt, a.outcome])).toEqual([[`${s}.1`, 1, 'delivered']]);
    expect(await scheduled(s, 'deliverWebhook')).toBe(1);
    expect(await bed.blobs.readJson<SubmissionSummary>(summaryBlobOf(s))).toMatchObject({ submissionId: s, status: 'completed' });
    expect((await bed.store.getSubmission(s))?.status).toBe('completed');
    expect(Object.values(await bed.store.fileStates(s)).map((f) => f.state)).toEqual(['completed', 'completed']);
    expect(bed.worker.seen.filter((j) => j.submissionId === s)).toHaveLength(2);
  });

  it('rides out an Event Grid outage while a failed delivery is dead-lettered and escalated', async () => {
    bed.answer('/down', Array(50).fill(503));
    const input = await bed.submit({
      files: { 'dog.jpg': { kind: 'complete' } },
      hookPath: '/down',
      settings: { delivery: { firstRetryMs: 50, maxRetryMs: 100, windowMs: 200 } },
    });
    const s = input.submission.submissionId;
    faults = [failTimes(bed.events, 'publish', 3)];
    await bed.start('submission', s, input);
    const done = await waitForStatus(bed, s, ['Completed', 'Failed'], 20_000);
    expect(done.output).toMatchObject({ delivery: { outcome: 'dead-lettered', deliveryId: `${s}.1` } });
    expect(await bed.deliveries.getDeadLetter(s)).toMatchObject({ deliveryId: `${s}.1` });
    expect(bed.events.published.filter((e) => e.id === `${s}.1.dead-lettered`)).toHaveLength(1);
  });

  it('fails the orchestration once the fault outlasts the retry window, having tried along it', async () => {
    const input = await bed.submit({
      files: { 'dog.jpg': { kind: 'complete' } },
      hookPath: '/never',
      settings: { activityRetry: { firstRetryMs: 50, maxRetryMs: 100, windowMs: 500 } },
    });
    const s = input.submission.submissionId;
    faults = [failTimes(bed.store, 'updateSubmission', Infinity)];
    const started = Date.now();
    await bed.start('submission', s, input);
    const done = await waitForStatus(bed, s, ['Completed', 'Failed'], 10_000);
    // What then repairs the submission is the reconciler's job; here: the window is the bound, not one try.
    expect(done.runtimeStatus).toBe('Failed');
    // It gives up when the next try would fall past the window: at the earliest one longest wait (100 ms) before its end.
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    // Waits of 50, 100, 100, 100, 100 ms: at most six tries fall within 500 ms of the first (fewer when tries are slow).
    const tries = await scheduled(s, 'markSubmission');
    expect(tries).toBeGreaterThanOrEqual(3);
    expect(tries).toBeLessThanOrEqual(6);
    expect(deliveriesTo('/never')).toEqual([]);
  });

  it('does not retry what no retry can change (NonRetryableError)', async () => {
    const s = bed.newSubmissionId();
    const deliveryId = `${s}.2`;
    // No summary was ever written: readSummary says so with a NonRetryableError.
    await bed.start('redeliver', deliveryId, {
      submissionId: s,
      webhookUrl: `${bed.hook.url}/no-summary`,
      deliveryId,
      settings: TEST_SETTINGS.delivery,
      retry: { ...TEST_SETTINGS.activityRetry, windowMs: 60_000 },
    });
    const done = await waitForStatus(bed, deliveryId, ['Completed', 'Failed'], 5_000);
    expect(done.runtimeStatus).toBe('Failed');
    expect(await scheduled(deliveryId, 'readSummary')).toBe(1);
  });
});
