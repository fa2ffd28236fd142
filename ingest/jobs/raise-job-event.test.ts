import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileInstanceId } from '../../contracts/ids.js';
import { JOB_TOKEN_HEADER, type AnalysisJob } from '../../contracts/job.js';
import { signJobToken } from '../../lib/job-token/sign-job-token.js';
import { getStatus, waitForStatus, type InstanceStatus } from '../../test/support/durable-client.js';
import { orchestrationTestbed, TEST_SETTINGS, type OrchestrationTestbed } from '../../test/support/orchestration-testbed.js';
import { scriptedAnalysis } from '../../test/support/scripted-analysis.js';

// The endpoint for real: the in-process Functions host runs the test app (test/apps/orchestrators), whose enqueue
// activity signs each job's token and whose analyzeFile instances wait for the events this endpoint raises.
let bed: OrchestrationTestbed;
beforeAll(async () => {
  bed = await orchestrationTestbed();
});
afterAll(() => bed?.stop());

const completed = (job: AnalysisJob) => ({ fileId: job.fileId, summary: scriptedAnalysis('photo') });
const post = (job: AnalysisJob, event: string, token: string | undefined, body: unknown = completed(job), url = job.callback.url) =>
  fetch(url.replace('{eventName}', event), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { [JOB_TOKEN_HEADER]: token }) },
    body: JSON.stringify(body),
  });

/** Two files waiting for their workers (who take the jobs and say nothing): their jobs and instances. */
async function twoWaitingJobs(): Promise<[AnalysisJob, AnalysisJob]> {
  const { submission } = await bed.submit({ files: { 'a.jpg': { kind: 'ignore' }, 'b.jpg': { kind: 'ignore' } }, hookPath: '/jobs' });
  const [a, b] = submission.files.map((f) => ({
    ...f,
    submissionId: submission.submissionId,
    mediaType: 'photo' as const,
    timeoutMs: 60_000,
    graceMs: 60_000,
    retry: TEST_SETTINGS.activityRetry,
  }));
  const jobs: AnalysisJob[] = [];
  for (const input of [a!, b!]) {
    const instance = fileInstanceId(input.submissionId, input.fileId);
    await bed.start('analyzeFile', instance, input);
    await expect.poll(() => bed.worker.seen.some((j) => j.callback.instanceId === instance)).toBe(true);
    jobs.push(bed.worker.seen.find((j) => j.callback.instanceId === instance)!);
  }
  return jobs as [AnalysisJob, AnalysisJob];
}

/** What an instance has been told: the events raised on it, in its history. */
const raised = (s: InstanceStatus) => (s.historyEvents ?? []).filter((e) => e.EventType === 'EventRaised');
const statusOf = (instance: string) => getStatus(bed, instance, 'showHistory=true');

async function expectRefused(res: Response): Promise<void> {
  expect(res.status).toBe(403);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(await res.json()).toMatchObject({ type: 'https://newsdesk.dev/problems/job-token-refused', status: 403 });
}

describe('POST /api/jobs/{jobId}/events/{name}', () => {
  it('refuses every token that is not this job’s own, valid one, and the instance does not change', async () => {
    const [a, b] = await twoWaitingJobs();
    const before = await statusOf(a.jobId);
    const claims = { jobId: a.jobId, instanceId: a.jobId, events: ['AnalysisCompleted', 'AnalysisFailed'] };
    const [, encoded] = a.callback.token.split('.');
    const longer = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(encoded!, 'base64url').toString()), x: 4102444800 })).toString(
      'base64url',
    );
    const cases: [string, () => Promise<Response>][] = [
      ['no token', () => post(a, 'AnalysisCompleted', undefined)],
      ['an empty token', () => post(a, 'AnalysisCompleted', '')],
      [
        'a forged token (signed under a guessed key)',
        () => post(a, 'AnalysisCompleted', signJobToken('guessed-key-0123456789abcdefghij', { ...claims, expiresAt: 4102444800 })),
      ],
      ['a token whose expiry was pushed out after signing', () => post(a, 'AnalysisCompleted', a.callback.token.replace(encoded!, longer))],
      [
        'an expired token',
        () => post(a, 'AnalysisCompleted', signJobToken(bed.jobTokenKey, { ...claims, expiresAt: Math.floor(Date.now() / 1000) - 1 })),
      ],
      ["another job's token", () => post(a, 'AnalysisCompleted', b.callback.token)],
      ["this job's token on another job's URL", () => post(b, 'AnalysisCompleted', a.callback.token)],
      ['an event the token does not allow', () => post(a, 'Cancel', a.callback.token)],
      [
        'the host master key in code= and no token',
        () => post(a, 'AnalysisCompleted', undefined, completed(a), `${a.callback.url}?code=${bed.host.masterKey}`),
      ],
      ['the host master key as the token', () => post(a, 'AnalysisCompleted', bed.host.masterKey)],
    ];
    for (const [name, attempt] of cases) {
      await expectRefused(await attempt()).catch((e: Error) => {
        throw new Error(`${name}: ${e.message}`);
      });
    }
    // Nothing reached either instance: both still wait, with no event in their history.
    for (const job of [a, b]) {
      const now = await statusOf(job.jobId);
      expect(now.runtimeStatus).toBe('Running');
      expect(raised(now)).toEqual([]);
    }
    expect((await statusOf(a.jobId)).historyEvents).toEqual(before.historyEvents);
  });

  it('raises the event with the job’s own token; a bad body is refused first; once the job has closed, the token no longer works', async () => {
    const [a, b] = await twoWaitingJobs();
    // A valid token with a body that is not the event's shape: 400, and nothing raised.
    const bad = await post(a, 'AnalysisCompleted', a.callback.token, { nope: true });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ type: 'https://newsdesk.dev/problems/invalid-job-event' });
    expect(raised(await statusOf(a.jobId))).toEqual([]);

    expect((await post(a, 'AnalysisCompleted', a.callback.token)).status).toBe(202);
    const done = await waitForStatus(bed, a.jobId, ['Completed'], 5_000);
    expect(done.output).toMatchObject({ state: 'completed', result: { summary: { source: 'worker' } } });

    // The same token again, for either event, after the job has closed: refused, and the outcome stands.
    await expectRefused(await post(a, 'AnalysisFailed', a.callback.token, { fileId: a.fileId, reason: 'changed my mind' }));
    await expectRefused(await post(a, 'AnalysisCompleted', a.callback.token));
    expect((await getStatus(bed, a.jobId)).output).toEqual(done.output);

    // AnalysisFailed is the other event a job's token allows.
    expect((await post(b, 'AnalysisFailed', b.callback.token, { fileId: b.fileId, reason: 'unsupported codec' })).status).toBe(202);
    expect((await waitForStatus(bed, b.jobId, ['Completed'], 5_000)).output).toMatchObject({
      state: 'failed',
      reason: 'unsupported codec',
    });
  });
});
