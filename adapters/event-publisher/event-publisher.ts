/** A CloudEvents 1.0 event as Newsdesk publishes it. */
export interface PublishedEvent<T = unknown> {
  /** Idempotent: derived from submission and file ids, so a retry publishes the same event. */
  id: string;
  type: string;
  source: string;
  subject: string;
  time: Date;
  data: T;
}

/**
 * The port for Event Grid. Adapters: EventGridEventPublisher (Azure, and the local topic) and
 * InMemoryEventPublisher (unit tests); both pass event-publisher.contract.ts.
 */
export interface EventPublisher {
  publish(events: PublishedEvent[]): Promise<void>;
}
