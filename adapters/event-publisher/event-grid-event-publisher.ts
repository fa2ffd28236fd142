import { AzureKeyCredential, EventGridPublisherClient } from '@azure/eventgrid';
import type { TokenCredential } from '@azure/identity';
import { retry, RetryExhausted, type RetryPolicy } from '../../lib/resilience/retry.js';
import type { EventPublisher, PublishedEvent } from './event-publisher.js';
import { isTransientFault } from '../../lib/resilience/transient-fault.js';

/** Few, quick retries: the caller has an outbox, and a client waiting for its 202 should not wait for a long backoff. */
const PUBLISH_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 100, maxDelayMs: 500, budgetMs: 30_000 };

/** EventPublisher on an Event Grid topic with @azure/eventgrid's own publisher client (CloudEvents schema). */
export class EventGridEventPublisher implements EventPublisher {
  private readonly client: EventGridPublisherClient<'CloudEvent'>;

  /** `key`: the topic's access key, or a managed identity's credential (Azure: the EventGrid Data Sender role). */
  constructor(endpoint: string, key: string | TokenCredential) {
    // The local topic is plain http on loopback; Azure's endpoints are https.
    const local = new URL(endpoint).protocol === 'http:';
    // Retries are the one backoff's (lib/resilience), not the SDK's own.
    this.client = new EventGridPublisherClient(endpoint, 'CloudEvent', typeof key === 'string' ? new AzureKeyCredential(key) : key, {
      allowInsecureConnection: local,
      retryOptions: { maxRetries: 0 },
    });
  }

  async publish(events: PublishedEvent[]): Promise<void> {
    const batch = events.map((e) => ({ id: e.id, type: e.type, source: e.source, subject: e.subject, time: e.time, data: e.data }));
    try {
      await retry(() => this.client.send(batch), { ...PUBLISH_RETRY, retryable: isTransientFault });
    } catch (error) {
      // The caller sees the service's own error, as it did when the SDK retried.
      throw error instanceof RetryExhausted ? error.cause : error;
    }
  }
}
