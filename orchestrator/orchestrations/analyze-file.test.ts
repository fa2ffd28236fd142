import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_TOKEN_HEADER, type AnalysisJob } from '../../contracts/job.js';
import { fileInstanceId, jobIdOf } from '../../contracts/ids.js';
import type { AnalyzeFileInput } from '../../contracts/orchestrations.js';
import { getStatus, raiseEvent, waitForStatus } from '../../test/support/durable-client.js';
import { orchestrationTestbed, TEST_SETTINGS, type OrchestrationTestbed } from '../../test/support/orchestration-testbed.js';
import { scriptedAnalysis } from '../../test/support/scripted-analysis.js';
import { manualAnalysisFixture } from '../../test/support/summary-fixture.js';
import type { Behaviour } from '../../test/support/test-worker.js';

const photo = scriptedAnalysis('photo');

let bed: OrchestrationTestbed;
beforeAll(async () => {
  bed = await orchestrationTestbed();
});
afterAll(() => bed?.stop());

/** Starts analyzeFile for one stored file (the worker answers as `answer` says); returns its instance id. */
async function analyze(answer: Behaviour, timing: Pick<AnalyzeFileInput, 'timeoutMs' | 'graceMs'>) {
  const { submission } = await bed.submit({ files: { 'a.jpg': answer }, hookPath: '/unused' });
  const file = submission.files[0]!;
  const instance = fileInstanceId(submission.submissionId, file.fileId);
  const input = {
    ...file,
    submissionId: submission.submissionId,
    mediaType: 'photo' as const,
    retry: TEST_SETTINGS.activityRetry,
    ...timing,
  };
  await bed.start('analyzeFile', instance, input);
  return { instance, submissionId: submission.submissionId, fileId: file.fileId, blob: file.blob };
}
const jobOf = async (instance: string): Promise<AnalysisJob> => {
  await expect.poll(() => bed.worker.seen.some((j) => j.callback.instanceId === instance)).toBe(true);
  return bed.worker.seen.find((j) => j.callback.instanceId === instance)!;
};
/** Raises an event through the job's callback URL with its token, exactly as a worker does. */
const raise = (job: AnalysisJob, event: string, payload: unknown) =>
  fetch(job.callback.url.replace('{eventName}', event), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [JOB_TOKEN_HEADER]: job.callback.token },
    body: JSON.stringify(payload),
  });
const escalations = (submissionId: string) =>
  bed.events.published.filter((e) => e.type === 'Newsdesk.Analysis.Escalated' && e.subject.includes(submissionId));

describe('analyzeFile', () => {
  it('enqueues the job with the instance as callback and completes on AnalysisCompleted before the deadline', async () => {
    const started = Date.now();
    const f = await analyze({ kind: 'ignore' }, { timeoutMs: 60_000, graceMs: 1_000 });
    const job = await jobOf(f.instance);
    expect(job).toMatchObject({
      jobId: jobIdOf(f.submissionId, f.fileId),
      submissionId: f.submissionId,
      fileId: f.fileId,
      blob: f.blob,
      mediaType: 'photo',
      contentType: 'image/jpeg',
      callback: { instanceId: f.instance },
    });
    expect(Date.parse(job.deadline) - started).toBeGreaterThanOrEqual(60_000);
    expect(Date.parse(job.deadline) - Date.now()).toBeLessThanOrEqual(60_000);
    // The worker reads the original through the job's URL.
    expect(await (await fetch(job.blobUrl)).text()).toBe('data');

    expect((await raise(job, 'AnalysisCompleted', { fileId: f.fileId, summary: photo })).status).toBe(202);
    const done = await waitForStatus(bed, f.instance, ['Completed'], 5_000);
    expect(done.output).toMatchObject({
      fileId: f.fileId,
      state: 'completed',
      escalated: false,
      result: { summary: photo },
    });
    expect(escalations(f.submissionId)).toEqual([]);
    expect((await bed.store.fileStates(f.submissionId))[f.fileId]).toMatchObject({ state: 'completed', escalated: false });
  });

  it('fails the file on AnalysisFailed without waiting for the deadline', async () => {
    const f = await analyze({ kind: 'fail', reason: 'truncated MP4' }, { timeoutMs: 60_000, graceMs: 1_000 });
    const done = await waitForStatus(bed, f.instance, ['Completed'], 5_000);
    expect(done.output).toMatchObject({ state: 'failed', reason: 'truncated MP4', escalated: false });
    expect((await bed.store.fileStates(f.submissionId))[f.fileId]).toMatchObject({ state: 'failed', reason: 'truncated MP4' });
  });

  it('treats a malformed AnalysisCompleted payload as a failure with the reason', async () => {
    const f = await analyze({ kind: 'ignore' }, { timeoutMs: 60_000, graceMs: 1_000 });
    await jobOf(f.instance);
    // The job-events endpoint refuses such a body (400); an event raised on the Durable API itself is checked here too.
    await raiseEvent(bed, f.instance, 'AnalysisCompleted', { nope: true });
    const done = await waitForStatus(bed, f.instance, ['Completed'], 5_000);
    expect(done.output).toMatchObject({ state: 'failed' });
    expect(String((done.output as { reason: string }).reason)).toMatch(/invalid AnalysisCompleted payload/);
  });

  it('escalates when the timer wins, then accepts a late answer within the grace period', async () => {
    const f = await analyze({ kind: 'ignore' }, { timeoutMs: 200, graceMs: 30_000 });
    await expect.poll(() => escalations(f.submissionId).length, { timeout: 5_000 }).toBe(1);
    const [event] = escalations(f.submissionId);
    expect(event).toMatchObject({
      id: `${f.instance}.escalated`,
      source: '/newsdesk/ingest',
      subject: `/submissions/${f.submissionId}/files/${f.fileId}`,
      data: {
        submissionId: f.submissionId,
        fileId: f.fileId,
        reason: 'analysis-timeout',
        resolveAt: `/api/staff/submissions/${f.submissionId}/files/${f.fileId}/resolve`,
      },
    });
    const { deadline, graceUntil } = event!.data as { deadline: string; graceUntil: string };
    expect(Date.parse(graceUntil) - Date.parse(deadline)).toBeGreaterThanOrEqual(30_000);
    // The ops webhook hears of it too, and the status API shows the file escalated.
    await expect
      .poll(
        () =>
          bed.ops.received.filter((r) => r.body.type === 'Newsdesk.Analysis.Escalated' && JSON.stringify(r.body).includes(f.instance))
            .length,
      )
      .toBe(1);
    expect((await bed.store.fileStates(f.submissionId))[f.fileId]).toMatchObject({ state: 'escalated', escalated: true });
    // The desk's escalation queue lists it until its grace period ends.
    expect((await bed.store.listEscalations()).filter((e) => e.fileId === f.fileId)).toEqual([
      { submissionId: f.submissionId, fileId: f.fileId, escalatedAt: expect.any(String), deadline: graceUntil },
    ]);

    const job = await jobOf(f.instance);
    await raise(job, 'AnalysisCompleted', { fileId: f.fileId, summary: manualAnalysisFixture({ caption: 'by a person' }) });
    const done = await waitForStatus(bed, f.instance, ['Completed'], 5_000);
    expect(done.output).toMatchObject({
      state: 'completed',
      escalated: true,
      result: { summary: { source: 'manual', caption: 'by a person' } },
    });
    expect((await bed.store.fileStates(f.submissionId))[f.fileId]).toMatchObject({ state: 'completed', escalated: true });
    expect((await bed.store.listEscalations()).some((e) => e.fileId === f.fileId)).toBe(false);
  });

  it('gives up as timed-out after the grace period', async () => {
    const started = Date.now();
    const f = await analyze({ kind: 'ignore' }, { timeoutMs: 200, graceMs: 200 });
    const done = await waitForStatus(bed, f.instance, ['Completed'], 10_000);
    expect(done.output).toMatchObject({
      state: 'timed-out',
      escalated: true,
      reason: 'no analysis within the deadline and the grace period',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(escalations(f.submissionId)).toHaveLength(1);
    expect((await bed.store.fileStates(f.submissionId))[f.fileId]).toMatchObject({ state: 'timed-out', escalated: true });
    expect((await bed.store.listEscalations()).some((e) => e.fileId === f.fileId)).toBe(false);
    // The deadline and the grace period, nothing else: a successful retried escalation takes no retry timer.
    const history = await getStatus(bed, f.instance, 'showHistory=true');
    expect(history.historyEvents?.filter((e) => e.EventType === 'TimerCreated')).toHaveLength(2);
  });
});
