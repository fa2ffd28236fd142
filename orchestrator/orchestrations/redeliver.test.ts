import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryIdOf, redeliverInstanceId } from '../../contracts/ids.js';
import { waitForStatus } from '../../test/support/durable-client.js';
import { orchestrationTestbed, TEST_SETTINGS, type OrchestrationTestbed } from '../../test/support/orchestration-testbed.js';

let bed: OrchestrationTestbed;
beforeAll(async () => {
  bed = await orchestrationTestbed();
});
afterAll(() => bed?.stop());

const deliveriesTo = (path: string) => bed.hook.received.filter((r) => r.path === path);

describe('redeliver', () => {
  it('delivers the stored summary again, byte for byte, under a new delivery id', async () => {
    // A submission whose receiver was down for the whole retry window.
    bed.answer('/was-down', Array(50).fill(503));
    const input = await bed.submit({
      files: { 'dog.jpg': { kind: 'complete' } },
      hookPath: '/was-down',
      settings: { delivery: { firstRetryMs: 50, maxRetryMs: 50, windowMs: 100 } },
    });
    const s = input.submission.submissionId;
    await bed.start('submission', s, input);
    await waitForStatus(bed, s, ['Completed'], 10_000);
    const letter = (await bed.deliveries.getDeadLetter(s))!;
    bed.answer('/was-down', []);

    const deliveryId = deliveryIdOf(s, 2);
    const instance = redeliverInstanceId(deliveryId);
    const webhookUrl = input.submission.webhook.url;
    await bed.start('redeliver', instance, {
      submissionId: s,
      webhookUrl,
      deliveryId,
      settings: TEST_SETTINGS.delivery,
      retry: TEST_SETTINGS.activityRetry,
    });
    const done = await waitForStatus(bed, instance, ['Completed'], 10_000);
    expect(done.output).toEqual({ outcome: 'delivered', attempts: 1, deliveryId: `${s}.2` });
    const delivered = deliveriesTo('/was-down').filter((r) => r.answered === 200);
    expect(delivered.map((r) => [r.deliveryId, r.attempt, r.validSignature])).toEqual([[`${s}.2`, '1', true]]);
    expect(delivered[0]!.body).toEqual(JSON.parse(letter.body));
    expect((await bed.deliveries.listAttempts(s)).filter((a) => a.deliveryId === `${s}.2`).map((a) => a.outcome)).toEqual(['delivered']);
  });

  it('fails, sending nothing, when there is no summary to deliver', async () => {
    const s = bed.newSubmissionId();
    const deliveryId = deliveryIdOf(s, 2);
    const webhookUrl = `${bed.hook.url}/no-summary`;
    await bed.start('redeliver', deliveryId, {
      submissionId: s,
      webhookUrl,
      deliveryId,
      settings: TEST_SETTINGS.delivery,
      retry: TEST_SETTINGS.activityRetry,
    });
    const failed = await waitForStatus(bed, deliveryId, ['Failed'], 10_000);
    expect(String(failed.output)).toMatch(`no summary for ${s}`);
    expect(deliveriesTo('/no-summary')).toEqual([]);
  });
});
