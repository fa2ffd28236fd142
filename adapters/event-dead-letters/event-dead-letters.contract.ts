import { describe, expect, it } from 'vitest';
import type { EventDeadLetters } from './event-dead-letters.js';

export interface DeadLetterBed {
  letters: EventDeadLetters;
  /** Writes a blob into the dead-letter container, as Event Grid would. */
  write(name: string, body: unknown): Promise<void>;
}

// What Azure writes (an array of events with the dead-letter members) and what the local stand-in writes.
const azure = [
  {
    id: 'e-azure',
    eventType: 'Newsdesk.Submission.Received',
    subject: '/submissions/s1',
    deadLetterReason: 'MaxDeliveryAttemptsExceeded',
    deliveryAttempts: 30,
    lastDeliveryOutcome: 'Probation',
    publishTime: '2026-03-01T09:00:00.000Z',
    lastDeliveryAttemptTime: '2026-03-01T10:00:00.000Z',
    data: {},
  },
];
const local = {
  topic: 'newsdesk',
  subscription: 'start-submission',
  event: { id: 'e-local', type: 'Newsdesk.Submission.Received', subject: '/submissions/s2', specversion: '1.0' },
  deliveryAttempts: 3,
  deadLetterReason: 'NonRetryableResponse',
  lastError: 'HTTP 400',
  deadLetteredAt: '2026-03-01T11:00:00.000Z',
};

/** The behaviour every EventDeadLetters adapter must have; `make` gives an empty container each time. */
export function eventDeadLettersContract(name: string, make: () => Promise<DeadLetterBed>): void {
  describe(`EventDeadLetters contract: ${name}`, () => {
    it('is empty before anything was dead-lettered', async () => {
      expect(await (await make()).letters.recent(20)).toEqual([]);
    });

    it("reads Azure's and the local stand-in's blobs, newest first, skipping what is not a dead letter", async () => {
      const bed = await make();
      await bed.write('NEWSDESK/START-SUBMISSION/2026/03/01/10/a.json', azure);
      await bed.write('newsdesk/start-submission/2026/03/01/e-local.json', local);
      await bed.write('notes.json', { hello: 'world' });
      expect(await bed.letters.recent(20)).toEqual([
        {
          id: 'e-local',
          eventType: 'Newsdesk.Submission.Received',
          subject: '/submissions/s2',
          reason: 'NonRetryableResponse: HTTP 400',
          at: local.deadLetteredAt,
        },
        {
          id: 'e-azure',
          eventType: 'Newsdesk.Submission.Received',
          subject: '/submissions/s1',
          reason: 'MaxDeliveryAttemptsExceeded: Probation',
          at: '2026-03-01T10:00:00.000Z',
        },
      ]);
      expect((await bed.letters.recent(1)).map((l) => l.id)).toEqual(['e-local']);
    });
  });
}
