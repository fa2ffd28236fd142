import { AzureKeyCredential, EventGridPublisherClient } from '@azure/eventgrid';
import type { TokenCredential } from '@azure/identity';
import type { EventPublisher, PublishedEvent } from './event-publisher.js';

/** EventPublisher on an Event Grid topic with @azure/eventgrid's own publisher client (CloudEvents schema). */
export class EventGridEventPublisher implements EventPublisher {
  private readonly client: EventGridPublisherClient<'CloudEvent'>;

  /** `key`: the topic's access key, or a managed identity's credential (Azure: the EventGrid Data Sender role). */
  constructor(endpoint: string, key: string | TokenCredential) {
    // The local topic is plain http on loopback; Azure's endpoints are https.
    const local = new URL(endpoint).protocol === 'http:';
    // Few, quick retries: the caller has an outbox, and a client waiting for its 202 should not wait for a long backoff.
    this.client = new EventGridPublisherClient(endpoint, 'CloudEvent', typeof key === 'string' ? new AzureKeyCredential(key) : key, {
      allowInsecureConnection: local,
      retryOptions: { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 500 },
    });
  }

  async publish(events: PublishedEvent[]): Promise<void> {
    await this.client.send(
      events.map((e) => ({ id: e.id, type: e.type, source: e.source, subject: e.subject, time: e.time, data: e.data })),
    );
  }
}
