import { beforeEach, describe, expect, it } from 'vitest';
import { ingestTestbed, type IngestTestbed } from '../../test/support/ingest-testbed.js';
import { relayOutbox } from './relay-outbox.js';

let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
});

// The same with Azurite and the local Event Grid topic: test/integration/ingest-outbox.test.ts.
describe('relayOutbox', () => {
  it('publishes nothing while Event Grid is down, then each pending event once', async () => {
    const [a, b] = [await tb.seed(), await tb.seed()];
    tb.events.available = false;
    expect(await relayOutbox(tb.deps)).toBe(0);
    expect((await tb.store.pendingEvents(10)).map((p) => p.submissionId)).toEqual([a.submissionId, b.submissionId]);

    tb.events.available = true;
    expect(await relayOutbox(tb.deps)).toBe(2);
    expect(tb.events.published.map((e) => [e.id, e.type])).toEqual([
      [a.submissionId, 'Newsdesk.Submission.Received'],
      [b.submissionId, 'Newsdesk.Submission.Received'],
    ]);
    expect((await tb.store.getSubmission(a.submissionId))?.published).toBe(true);
    expect(await relayOutbox(tb.deps)).toBe(0);
    expect(tb.events.published).toHaveLength(2);
  });

  it('stops at the first refusal and leaves the rest for the next run', async () => {
    const later = [await tb.seed(), await tb.seed()];
    // Event Grid refuses an event over 1 MB: it stays pending, and so does everything behind it.
    const oversized = { ...later[0]!, submissionId: 's0000' };
    const data = { blob: 'x'.repeat(1024 * 1024) };
    await tb.store.createSubmission(oversized, {
      id: 's0000',
      type: 'T',
      source: '/s',
      subject: '/submissions/s0000',
      time: new Date(),
      data,
    });
    expect(await relayOutbox(tb.deps)).toBe(0);
    expect((await tb.store.pendingEvents(10)).map((p) => p.submissionId)).toEqual(['s0000', ...later.map((s) => s.submissionId)]);
    expect(tb.events.published).toEqual([]);
  });
});
