import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failedInstanceId } from '../../contracts/ids.js';
import { INTERRUPTED_REASON } from '../../contracts/submission-summary.js';
import { waitForStatus } from '../../test/support/durable-client.js';
import { orchestrationTestbed, type OrchestrationTestbed } from '../../test/support/orchestration-testbed.js';

let bed: OrchestrationTestbed;
beforeAll(async () => {
  bed = await orchestrationTestbed();
});
afterAll(() => bed?.stop());

describe('failSubmission', () => {
  it('tells operations, then delivers one signed failed summary with each file’s recorded ending', async () => {
    const input = await bed.submit({ files: { 'done.jpg': { kind: 'ignore' }, 'stuck.png': { kind: 'ignore' } }, hookPath: '/failed' });
    const { submissionId: s, clientId, reference, receivedAt, files, webhook } = input.submission;
    await bed.start('failSubmission', failedInstanceId(s), {
      submission: { submissionId: s, clientId, reference, receivedAt, files, webhook },
      files: {
        f1: { state: 'failed', escalated: false, reason: 'not a decodable image' },
        f2: { state: 'failed', escalated: true, reason: INTERRUPTED_REASON },
      },
      reason: INTERRUPTED_REASON,
      found: 'Terminated',
      settings: input.settings.delivery,
      retry: input.settings.activityRetry,
      publicUrl: input.settings.publicUrl,
    });
    const done = await waitForStatus(bed, failedInstanceId(s), ['Completed'], 10_000);

    expect(done.output).toEqual({ outcome: 'delivered', attempts: 1, deliveryId: `${s}.failed` });
    const told = bed.hook.received.filter((r) => r.path === '/failed');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ deliveryId: `${s}.failed`, validSignature: true, body: { submissionId: s, status: 'failed' } });
    expect(told[0]!.body.files).toMatchObject([
      { fileId: 'f1', state: 'failed', escalated: false, reason: 'not a decodable image' },
      { fileId: 'f2', state: 'failed', escalated: true, reason: INTERRUPTED_REASON },
    ]);
    expect(told[0]!.summaryIssues).toBeNull();
    const ops = bed.ops.received.filter((r) => r.headers['newsdesk-event'] === 'Newsdesk.Submission.Failed');
    expect(ops.map((r) => r.body)).toMatchObject([{ id: `${s}.failed`, data: { submissionId: s, orchestration: 'Terminated' } }]);
  });
});
