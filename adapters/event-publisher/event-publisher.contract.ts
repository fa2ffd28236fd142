import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EventPublisher, PublishedEvent } from './event-publisher.js';

export interface PublisherUnderTest {
  publisher: EventPublisher;
  /** Every event that has reached a subscriber so far, read back in the port's shape. */
  delivered(): PublishedEvent[];
}

const event = (patch: Partial<PublishedEvent> = {}): PublishedEvent => {
  const id = `s${randomUUID()}`;
  return {
    id,
    type: 'Newsdesk.Submission.Received',
    source: '/newsdesk/ingest',
    subject: `/submissions/${id}`,
    time: new Date('2026-01-02T03:04:05.678Z'),
    data: { submissionId: id, note: 'Zürich 📷 “quoted”', files: [{ fileId: 'f1', size: 3 }], priority: 'urgent' },
    ...patch,
  };
};

/**
 * The behaviour every EventPublisher adapter must have, seen from a subscriber: what is published
 * arrives intact; a publish is at-least-once (the same event published twice arrives twice, so
 * consumers dedupe by id); a refused batch delivers none of its events; an unreachable topic rejects.
 * `make` gives a publisher and the subscriber's view; `unreachable` a publisher whose topic is down.
 */
export function eventPublisherContract(
  name: string,
  make: () => Promise<PublisherUnderTest>,
  unreachable: () => Promise<EventPublisher>,
): void {
  describe(`EventPublisher contract: ${name}`, () => {
    const arrived = (under: PublisherUnderTest, id: string) => under.delivered().filter((e) => e.id === id);
    const waitFor = (under: PublisherUnderTest, id: string, count = 1) =>
      expect.poll(() => arrived(under, id).length, { timeout: 5000, interval: 20 }).toBe(count);

    it('delivers every event of a batch with its id, type, source, subject, time and data intact', async () => {
      const under = await make();
      const batch = [event(), event({ type: 'Newsdesk.Analysis.Escalated', subject: '/submissions/x/files/f1.mp4' })];
      await under.publisher.publish(batch);
      for (const e of batch) await waitFor(under, e.id);
      for (const e of batch) expect(arrived(under, e.id)).toEqual([e]);
    });

    it('delivers an event again when it is published again: consumers dedupe by id', async () => {
      const under = await make();
      const e = event();
      await under.publisher.publish([e]);
      await under.publisher.publish([e]);
      await waitFor(under, e.id, 2);
    });

    it.each([
      ['over 1 MB', event({ data: { blob: 'x'.repeat(1024 * 1024) } }), 413],
      ['with an event that has no type', event({ type: '' }), 400],
    ])('refuses a batch %s whole: none of its events arrives', async (_what, bad, status) => {
      const under = await make();
      const good = event();
      await expect(under.publisher.publish([good, bad])).rejects.toMatchObject({ statusCode: status });
      // Anything accepted before the marker would be delivered by now too.
      const marker = event();
      await under.publisher.publish([marker]);
      await waitFor(under, marker.id);
      expect(arrived(under, good.id)).toEqual([]);
    });

    it('rejects when the topic cannot be reached', async () => {
      await expect((await unreachable()).publish([event()])).rejects.toThrow();
    });
  });
}
