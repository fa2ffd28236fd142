import type { EventDeadLetter } from './event-dead-letters.js';

type Json = Record<string, unknown>;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/**
 * The dead letters in one blob. Azure writes a JSON array of the events, each with `deadLetterReason`,
 * `lastDeliveryOutcome` and `lastDeliveryAttemptTime` beside its own members; the local stand-in writes one record
 * `{ event, deadLetterReason, lastError, deadLetteredAt }`. Anything else in the container is skipped.
 */
export function deadLettersOfBlob(body: unknown, written: Date): EventDeadLetter[] {
  const records = Array.isArray(body) ? body : [body];
  return records.flatMap((record): EventDeadLetter[] => {
    if (typeof record !== 'object' || record === null) return [];
    const r = record as Json;
    const event = (typeof r.event === 'object' && r.event !== null ? r.event : r) as Json;
    const id = text(event.id);
    if (!id) return [];
    const reason = text(r.deadLetterReason) ?? 'Unknown';
    const outcome = text(r.lastDeliveryOutcome) ?? text(r.lastError);
    return [
      {
        id,
        eventType: text(event.eventType) ?? text(event.type) ?? '',
        subject: text(event.subject) ?? '',
        reason: outcome ? `${reason}: ${outcome}` : reason,
        at: text(r.deadLetteredAt) ?? text(r.lastDeliveryAttemptTime) ?? written.toISOString(),
      },
    ];
  });
}
