import { eventPublisherContract } from './event-publisher.contract.js';
import { InMemoryEventPublisher } from './in-memory-event-publisher.js';

eventPublisherContract(
  'InMemoryEventPublisher',
  async () => {
    const publisher = new InMemoryEventPublisher();
    return { publisher, delivered: () => publisher.published };
  },
  async () => Object.assign(new InMemoryEventPublisher(), { available: false }),
);
