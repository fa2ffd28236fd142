import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelInstanceId, fileInstanceId, resultBlobOf } from '../../contracts/ids.js';
import { getStatus, post, waitForStatus } from '../../test/support/durable-client.js';
import { orchestrationTestbed, type OrchestrationTestbed } from '../../test/support/orchestration-testbed.js';

let bed: OrchestrationTestbed;
beforeAll(async () => {
  bed = await orchestrationTestbed();
});
afterAll(() => bed?.stop());

describe('cancelSubmission', () => {
  it('after the running orchestrations are terminated: compensates storage and tells the client', async () => {
    const other = await bed.submit({ files: { 'keep.jpg': { kind: 'ignore' } }, hookPath: '/other' });
    const input = await bed.submit({
      files: { 'cancel-me.png': { kind: 'ignore' }, 'done.jpg': { kind: 'ignore' } },
      hookPath: '/cancelled',
    });
    const s = input.submission.submissionId;
    await bed.blobs.upload(resultBlobOf(s, 'f2'), Readable.from([Buffer.from('{}')]));
    await bed.start('submission', s, input);
    await expect.poll(async () => (await bed.store.getSubmission(s))?.status).toBe('processing');

    // What DELETE /api/submissions/{id} does before it starts the compensation (ingest/submissions/cancel-submission.ts).
    const instances = [s, fileInstanceId(s, 'f1'), fileInstanceId(s, 'f2')];
    for (const id of instances) expect((await post(bed, `instances/${id}/terminate`, 'reason=cancelled')).status).toBe(202);
    const { submissionId, clientId, reference, receivedAt, files, webhook } = input.submission;
    const cancel = cancelInstanceId(s);
    await bed.start('cancelSubmission', cancel, {
      submission: { submissionId, clientId, reference, receivedAt, files, webhook },
      settings: input.settings.delivery,
      retry: input.settings.activityRetry,
      publicUrl: input.settings.publicUrl,
    });
    const done = await waitForStatus(bed, cancel, ['Completed'], 10_000);

    expect(done.output).toEqual({
      compensation: { deleted: 3, retained: 0 },
      delivery: { outcome: 'delivered', attempts: 1, deliveryId: `${s}.cancelled` },
    });
    for (const id of instances) expect((await getStatus(bed, id)).runtimeStatus).toBe('Terminated');
    // Only this submission's originals and results are gone.
    expect(bed.blobs.paths().filter((p) => p.includes(`/${s}/`))).toEqual([]);
    expect(bed.blobs.paths()).toContain(other.submission.files[0]!.blob);
    const told = bed.hook.received.filter((r) => r.path === '/cancelled');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ deliveryId: `${s}.cancelled`, validSignature: true, body: { submissionId: s, status: 'cancelled' } });
    const cancelled = { state: 'failed', escalated: false, reason: 'cancelled by the client', analysis: null, duplicates: [], links: {} };
    expect(told[0]!.body.files).toMatchObject([
      { fileId: 'f1', name: 'cancel-me.png', contentType: 'image/png', ...cancelled },
      { fileId: 'f2', name: 'done.jpg', contentType: 'image/jpeg', ...cancelled },
    ]);
    expect(told[0]!.summaryIssues).toBeNull();
  });
});
