import { AzureKeyCredential, EventGridPublisherClient } from '@azure/eventgrid';
import type { EventPublisher, PublishedEvent } from './event-publisher.js';

/** EventPublisher on an Event Grid topic with @azure/eventgrid's own publisher client (CloudEvents schema). */
export class EventGridEventPublisher implements EventPublisher {
  private readonly client: EventGridPublisherClient<'CloudEvent'>;

  constructor(endpoint: string, key: string) {
    // The local topic is plain http on loopback; Azure's endpoints are https.
    const local = new URL(endpoint).protocol === 'http:';
    this.client = new EventGridPublisherClient(endpoint, 'CloudEvent', new AzureKeyCredential(key), { allowInsecureConnection: local });
  }

  async publish(events: PublishedEvent[]): Promise<void> {
    await this.client.send(
      events.map((e) => ({ id: e.id, type: e.type, source: e.source, subject: e.subject, time: e.time, data: e.data })),
    );
  }
}
