import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryBlobOf } from '../../contracts/ids.js';
import { JOB_TOKEN_HEADER } from '../../contracts/job.js';
import type { ProgressStatus } from '../../contracts/progress-status.js';
import type { SubmissionSummary } from '../../contracts/submission-summary.js';
import { summaryIssues } from '../../test/support/published-summary.js';
import { getStatus, waitForStatus } from '../../test/support/durable-client.js';
import { orchestrationTestbed, TEST_SETTINGS, type OrchestrationTestbed } from '../../test/support/orchestration-testbed.js';

let bed: OrchestrationTestbed;
beforeAll(async () => {
  bed = await orchestrationTestbed();
});
afterAll(() => bed?.stop());

const deliveriesTo = (path: string) => bed.hook.received.filter((r) => r.path === path);
const done = async (submissionId: string) =>
  (await waitForStatus(bed, submissionId, ['Completed'], 10_000)).output as SubmissionSummary & { delivery: unknown };

describe('submission', () => {
  it('fans out one analyzeFile per file, writes the summary and delivers one signed webhook', async () => {
    const input = await bed.submit({
      files: { 'dog.jpg': { kind: 'complete' }, 'cuts.mp4': { kind: 'complete' } },
      hookPath: '/all-complete',
    });
    const s = input.submission.submissionId;
    await bed.start('submission', s, input);
    const output = await done(s);
    expect(output).toMatchObject({ status: 'completed', delivery: { outcome: 'delivered', attempts: 1, deliveryId: `${s}.1` } });

    expect(deliveriesTo('/all-complete')).toHaveLength(1);
    const [d] = deliveriesTo('/all-complete');
    expect(d).toMatchObject({ deliveryId: `${s}.1`, attempt: '1', validSignature: true, body: { submissionId: s, status: 'completed' } });
    expect(d!.body.files!.map((f) => [f.fileId, f.state])).toEqual([
      ['f1', 'completed'],
      ['f2', 'completed'],
    ]);
    // What was delivered is what was written, without the orchestration's trace context.
    const summary = (await bed.blobs.readJson<SubmissionSummary>(summaryBlobOf(s)))!;
    expect(d!.body).toEqual(summary);
    const api = `${TEST_SETTINGS.publicUrl}/api/submissions/${s}`;
    expect(summary).toMatchObject({ schemaVersion: 1, clientId: 'desk', reference: null, links: { submission: api } });
    expect(summaryIssues(summary)).toBeNull();
    expect(summary.files.map((f) => [f.analysis?.source, f.links.original, f.duplicates])).toEqual([
      ['worker', `${api}/files/f1/original`, []],
      ['worker', `${api}/files/f2/original`, []],
    ]);
    expect(summary).not.toHaveProperty('traceparent');

    expect((await bed.store.getSubmission(s))?.status).toBe('completed');
    expect(Object.values(await bed.store.fileStates(s)).map((f) => f.state)).toEqual(['completed', 'completed']);
    expect((await bed.deliveries.listAttempts(s)).map((a) => [a.deliveryId, a.outcome])).toEqual([[`${s}.1`, 'delivered']]);
    expect(
      bed.worker.seen
        .filter((j) => j.submissionId === s)
        .map((j) => j.mediaType)
        .sort(),
    ).toEqual(['photo', 'video']);
    expect((await getStatus(bed, s)).customStatus).toEqual({
      state: 'completed',
      status: 'completed',
      delivery: { outcome: 'delivered', attempts: 1, deliveryId: `${s}.1` },
      files: { f1: { state: 'completed', escalated: false }, f2: { state: 'completed', escalated: false } },
    } satisfies ProgressStatus);
  });

  it('records a failed file with its reason as partial, without waiting for the timer', async () => {
    const input = await bed.submit({
      files: { 'runners-race.jpg': { kind: 'complete' }, 'corrupt.jpg': { kind: 'fail', reason: 'truncated JPEG: 40% decoded' } },
      hookPath: '/one-fails',
      settings: { analysisTimeoutMs: { normal: 3_000, urgent: 3_000 } },
    });
    const s = input.submission.submissionId;
    const started = Date.now();
    await bed.start('submission', s, input);
    expect(await done(s)).toMatchObject({ status: 'partial' });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(deliveriesTo('/one-fails')).toHaveLength(1);
    const body = deliveriesTo('/one-fails')[0]!.body;
    expect(body.status).toBe('partial');
    expect(body.files!.find((f) => f.state === 'failed')).toMatchObject({ fileId: 'f2', reason: 'truncated JPEG: 40% decoded' });
    expect(await bed.blobs.readJson(summaryBlobOf(s))).toMatchObject({ submissionId: s, status: 'partial' });
    expect((await bed.store.getSubmission(s))?.status).toBe('partial');
    expect((await getStatus(bed, s)).customStatus).toMatchObject({
      state: 'partial',
      files: { f1: { state: 'completed' }, f2: { state: 'failed', reason: 'truncated JPEG: 40% decoded' } },
    });
  });

  it('is processing while its files are analysed, in the store and in its custom status', async () => {
    const input = await bed.submit({ files: { 'a.jpg': { kind: 'complete' }, 'b.jpg': { kind: 'ignore' } }, hookPath: '/progress' });
    const s = input.submission.submissionId;
    await bed.start('submission', s, input);
    await expect.poll(async () => (await bed.store.fileStates(s)).f1?.state).toBe('completed');
    expect((await bed.store.getSubmission(s))?.status).toBe('processing');
    expect((await getStatus(bed, s)).customStatus).toEqual({
      state: 'processing',
      files: { f1: { state: 'queued' }, f2: { state: 'queued' } },
    } satisfies ProgressStatus);

    const job = bed.worker.seen.find((j) => j.jobId === `${s}.f2`)!;
    await fetch(job.callback.url.replace('{eventName}', 'AnalysisFailed'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [JOB_TOKEN_HEADER]: job.callback.token },
      body: JSON.stringify({ fileId: 'f2', reason: 'corrupt' }),
    });
    expect(await done(s)).toMatchObject({ status: 'partial' });
    expect((await bed.store.getSubmission(s))?.status).toBe('partial');
  });

  it('fails the submission when no file completes', async () => {
    const input = await bed.submit({
      files: { 'a.jpg': { kind: 'fail', reason: 'not an image' }, 'b.jpg': { kind: 'ignore' } },
      hookPath: '/none',
      settings: { analysisTimeoutMs: { normal: 100, urgent: 100 }, graceMs: 100 },
    });
    const s = input.submission.submissionId;
    await bed.start('submission', s, input);
    expect(await done(s)).toMatchObject({ status: 'failed' });
    expect(deliveriesTo('/none')[0]!.body.files!.map((f) => f.state)).toEqual(['failed', 'timed-out']);
    expect((await bed.store.getSubmission(s))?.status).toBe('failed');
  });

  it('marks a file timed-out when nobody answers within the grace period', async () => {
    const input = await bed.submit({
      files: { 'lost.png': { kind: 'ignore' }, 'runners-race.jpg': { kind: 'complete' } },
      hookPath: '/timed-out',
      settings: { analysisTimeoutMs: { normal: 200, urgent: 200 }, graceMs: 200 },
    });
    const s = input.submission.submissionId;
    await bed.start('submission', s, input);
    await done(s);
    expect(deliveriesTo('/timed-out')).toHaveLength(1);
    const body = deliveriesTo('/timed-out')[0]!.body;
    expect(body.status).toBe('partial');
    expect(body.files!.map((f) => f.state).sort()).toEqual(['completed', 'timed-out']);
    expect(body.files!.find((f) => f.state === 'timed-out')).toMatchObject({ name: 'lost.png', escalated: true });
  });

  it('gives an urgent submission the urgent analysis timeout', async () => {
    const input = await bed.submit({
      files: { 'breaking.jpg': { kind: 'ignore' } },
      hookPath: '/urgent',
      priority: 'urgent',
      settings: { analysisTimeoutMs: { normal: 60_000, urgent: 100 }, graceMs: 100 },
    });
    const s = input.submission.submissionId;
    await bed.start('submission', s, input);
    expect(await done(s)).toMatchObject({ status: 'failed', files: [{ state: 'timed-out', escalated: true }] });
  });
  it("reports a second submission of the same photo as an exact duplicate of the first, and a video's keyframe as near", async () => {
    const photo = { kind: 'complete', sha256: 'd'.repeat(64), perceptualHash: '5a5a5a5a5a5a5a5a' } as const;
    const first = await bed.submit({ files: { 'dog.jpg': photo }, hookPath: '/dup-first' });
    await bed.start('submission', first.submission.submissionId, first);
    expect((await done(first.submission.submissionId)).files[0]!.duplicates).toEqual([]);

    const clip = { kind: 'complete', keyframeHashes: ['0000000000000000', '5a5a5a5a5a5a5a5b'] } as const;
    const second = await bed.submit({ files: { 'dog again.jpg': photo, 'clip.mp4': clip }, hookPath: '/dup-second' });
    const s = second.submission.submissionId;
    await bed.start('submission', s, second);
    await done(s);
    const earlier = { submissionId: first.submission.submissionId, fileId: 'f1', name: 'dog.jpg' };
    const [delivered] = deliveriesTo('/dup-second');
    expect(delivered!.body.files!.map((f) => [f.fileId, f.duplicates])).toEqual([
      ['f1', [{ ...earlier, distance: 0, exact: true }]],
      [
        'f2',
        [
          { ...earlier, distance: 1, exact: false },
          { submissionId: s, fileId: 'f1', name: 'dog again.jpg', distance: 1, exact: false },
        ],
      ],
    ]);
    expect(summaryIssues(delivered!.body as SubmissionSummary)).toBeNull();
  });
});
