import type { EventPublisher, PublishedEvent } from './event-publisher.js';

/** Event Grid's limit for one publish request. */
const MAX_BATCH_BYTES = 1024 * 1024;

/** A publish the topic refused, with the HTTP status Event Grid answers (as the SDK's RestError carries it). */
export class PublishRefused extends Error {
  override readonly name = 'PublishRefused';
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * EventPublisher in this process's memory, for unit tests: it passes event-publisher.contract.ts.
 * `published` is what subscribers would receive, in order, as copies of what went over the wire
 * (JSON); a batch Event Grid would refuse (too large, an event without id, type or source) is
 * refused whole. Set `available` to false to play an outage: publish then rejects.
 */
export class InMemoryEventPublisher implements EventPublisher {
  readonly published: PublishedEvent[] = [];
  available = true;

  async publish(events: PublishedEvent[]): Promise<void> {
    if (!this.available) throw new Error('Event Grid topic unreachable (in-memory outage).');
    events.forEach((e, i) => {
      for (const member of ['id', 'type', 'source'] as const)
        if (typeof e[member] !== 'string' || e[member] === '')
          throw new PublishRefused(400, `events[${i}]: property '${member}' must be a non-empty string.`);
    });
    // As on the wire: the time in ISO 8601, undefined members gone.
    const body = JSON.stringify(events);
    if (Buffer.byteLength(body) > MAX_BATCH_BYTES) throw new PublishRefused(413, `The request body exceeds ${MAX_BATCH_BYTES} bytes.`);
    for (const e of JSON.parse(body) as (Omit<PublishedEvent, 'time'> & { time: string })[])
      this.published.push({ ...e, time: new Date(e.time) });
  }
}
