/** An Event Grid event that was never delivered, as the desk's system view lists it. */
export interface EventDeadLetter {
  id: string;
  eventType: string;
  subject: string;
  /** Event Grid's dead-letter reason, with the last delivery's outcome when known. */
  reason: string;
  /** When delivery was given up (ISO 8601). */
  at: string;
}

/**
 * The port for reading Event Grid's dead letters, which Event Grid writes as JSON blobs to a container (on Azure the
 * subscription's deadLetterDestination, locally the stand-in's BlobDeadLetterSink). Adapters: BlobEventDeadLetters
 * (Blob Storage, Azurite locally) and InMemoryEventDeadLetters (unit tests); both pass event-dead-letters.contract.ts.
 */
export interface EventDeadLetters {
  /** The most recent dead letters, newest first. */
  recent(limit: number): Promise<EventDeadLetter[]>;
}
