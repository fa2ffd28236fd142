import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionInput } from '../../contracts/orchestrations.js';
import { getStatus, waitForStatus } from '../../test/support/durable-client.js';
import { orchestrationTestbed, TEST_SETTINGS, type OrchestrationTestbed } from '../../test/support/orchestration-testbed.js';

// Delivery is the end of every submission (and of replays and cancellations): driven here through `submission`.
let bed: OrchestrationTestbed;
beforeAll(async () => {
  bed = await orchestrationTestbed();
});
afterAll(() => bed?.stop());

const deliveriesTo = (path: string) => bed.hook.received.filter((r) => r.path === path);
/** A one-photo submission that analyses at once and delivers to `hookPath`, with the delivery settings given. */
async function deliver(hookPath: string, delivery: Partial<SubmissionInput['settings']['delivery']> = {}) {
  const input = await bed.submit({
    files: { 'dog.jpg': { kind: 'complete' } },
    hookPath,
    settings: { delivery: { ...TEST_SETTINGS.delivery, ...delivery } },
  });
  const s = input.submission.submissionId;
  await bed.start('submission', s, input);
  const status = await waitForStatus(bed, s, ['Completed'], 10_000);
  return { s, output: status.output as { status: string; delivery: { outcome: string; attempts: number; deliveryId: string } } };
}

/** From the instance's history (times as the orchestration saw them): each retry timer's wait, and when it fired or gave up. */
async function retrySchedule(instanceId: string) {
  const history = (await getStatus(bed, instanceId, 'showHistory=true')).historyEvents ?? [];
  const after = (e: { Timestamp: string } | undefined) => e && Date.parse(e.Timestamp) - start;
  const start = Date.parse(history.find((e) => e.EventType === 'TaskScheduled' && e.Name === 'deliverWebhook')!.Timestamp);
  const timers = history.filter((e) => e.EventType === 'TimerCreated');
  return {
    waits: timers.map((e) => Date.parse(e.FireAt!) - Date.parse(e.Timestamp)),
    /** When the last retry was due, after the first try started. */
    lastDueAfter: timers.length ? Date.parse(timers.at(-1)!.FireAt!) - start : 0,
    /** When it decided to dead-letter, after the first try started. */
    gaveUpAfter: after(history.find((e) => e.EventType === 'TaskScheduled' && e.Name === 'deadLetterDelivery')),
  };
}

describe('deliverSummary', () => {
  it('retries a webhook that is down for a while, backing off, and delivers once per delivery id', async () => {
    bed.answer('/flaky', [503, 503]);
    const { s, output } = await deliver('/flaky', { firstRetryMs: 100, maxRetryMs: 1_000 });
    expect(output).toMatchObject({ status: 'completed', delivery: { outcome: 'delivered', attempts: 3, deliveryId: `${s}.1` } });
    const all = deliveriesTo('/flaky');
    expect(all.map((r) => [r.answered, r.attempt])).toEqual([
      [503, '1'],
      [503, '2'],
      [200, '3'],
    ]);
    expect(new Set(all.map((r) => r.deliveryId))).toEqual(new Set([`${s}.1`]));
    expect(all.every((r) => r.validSignature)).toBe(true);
    // Every attempt is on record (the deliveries API lists them), and the waits between them double, on durable timers.
    expect((await bed.deliveries.listAttempts(s)).map((a) => [a.attempt, a.outcome, a.status])).toEqual([
      [1, 'retry', 503],
      [2, 'retry', 503],
      [3, 'delivered', 200],
    ]);
    expect((await retrySchedule(s)).waits).toEqual([100, 200]);
    expect(await bed.deliveries.getDeadLetter(s)).toBeUndefined();
  });

  it('dead-letters and escalates when the retry window closes', async () => {
    bed.answer('/down', Array(50).fill(503));
    const { s, output } = await deliver('/down', { firstRetryMs: 50, maxRetryMs: 200, windowMs: 500 });
    expect(output).toMatchObject({ status: 'completed', delivery: { outcome: 'dead-lettered', deliveryId: `${s}.1` } });
    const tries = deliveriesTo('/down');
    expect(output.delivery.attempts).toBe(tries.length);
    expect(tries.length).toBeGreaterThanOrEqual(2);
    // Backing off 50, 100, 200, 200… ms (capped) while the next try still falls within the window; the one after would not.
    const { waits, lastDueAfter, gaveUpAfter } = await retrySchedule(s);
    expect(waits).toEqual([50, 100, 200, 200, 200, 200].slice(0, tries.length - 1));
    expect(lastDueAfter).toBeLessThanOrEqual(500);
    expect(gaveUpAfter! + Math.min(50 * 2 ** (tries.length - 1), 200)).toBeGreaterThan(500);

    // The summary is kept, byte for byte, for a replay; Event Grid and the ops webhook hear of it.
    const letter = await bed.deliveries.getDeadLetter(s);
    expect(letter).toMatchObject({ deliveryId: `${s}.1`, reason: `not delivered after ${tries.length} attempts: HTTP 503` });
    expect(JSON.parse(letter!.body)).toEqual(tries[0]!.body);
    const escalated = bed.events.published.find((e) => e.id === `${s}.1.dead-lettered`);
    expect(escalated).toMatchObject({
      type: 'Newsdesk.Delivery.Escalated',
      subject: `/submissions/${s}/deliveries/${s}.1`,
      data: { submissionId: s, deliveryId: `${s}.1`, reason: letter!.reason, replayAt: `/api/submissions/${s}/deliveries/replay` },
    });
    await expect
      .poll(
        () => bed.ops.received.filter((r) => r.body.type === 'Newsdesk.Delivery.Escalated' && JSON.stringify(r.body).includes(s)).length,
      )
      .toBe(1);
  });

  it('stops at 410 Gone without retrying', async () => {
    bed.answer('/gone', [410]);
    const { s, output } = await deliver('/gone');
    expect(output).toMatchObject({ delivery: { outcome: 'gone', attempts: 1 } });
    expect(deliveriesTo('/gone')).toHaveLength(1);
    expect((await bed.deliveries.listAttempts(s)).map((a) => a.outcome)).toEqual(['gone']);
    expect(await bed.deliveries.getDeadLetter(s)).toBeUndefined();
  });

  it('stops without sending when the webhook URL is refused, and dead-letters and escalates it', async () => {
    const input = await bed.submit({ files: { 'dog.jpg': { kind: 'complete' } }, hookPath: '/unused' });
    const s = input.submission.submissionId;
    // A private address that is not allow-listed: the SSRF guard refuses it at delivery time.
    await bed.start('submission', s, { ...input, submission: { ...input.submission, webhook: { url: 'http://10.0.0.5/hook' } } });
    const status = await waitForStatus(bed, s, ['Completed'], 10_000);
    expect(status.output).toMatchObject({ delivery: { outcome: 'rejected-url', attempts: 1 } });
    const [attempt] = await bed.deliveries.listAttempts(s);
    expect(attempt).toMatchObject({ outcome: 'rejected-url', error: expect.stringMatching(/rejected/) });
    // Nobody else would notice: the summary is kept for a replay once the client has fixed its URL, and operations hear of it.
    const letter = await bed.deliveries.getDeadLetter(s);
    expect(letter).toMatchObject({ deliveryId: `${s}.1`, reason: `not delivered after 1 attempts: ${attempt!.error}` });
    expect(bed.events.published.find((e) => e.id === `${s}.1.dead-lettered`)).toMatchObject({
      type: 'Newsdesk.Delivery.Escalated',
      data: { submissionId: s, deliveryId: `${s}.1`, reason: letter!.reason },
    });
    await expect
      .poll(
        () =>
          bed.ops.received.filter((r) => r.body.type === 'Newsdesk.Delivery.Escalated' && JSON.stringify(r.body).includes(`${s}.1`)).length,
      )
      .toBe(1);
  });
});
