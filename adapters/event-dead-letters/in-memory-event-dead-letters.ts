import type { EventDeadLetter, EventDeadLetters } from './event-dead-letters.js';
import { newestDeadLetters } from './newest-dead-letters.js';

/** EventDeadLetters over blobs kept in memory, for unit tests; passes event-dead-letters.contract.ts. */
export class InMemoryEventDeadLetters implements EventDeadLetters {
  private readonly blobs = new Map<string, { body: unknown; written: Date }>();

  /** Writes a dead-letter blob as Event Grid would. */
  async write(name: string, body: unknown): Promise<void> {
    this.blobs.set(name, { body: JSON.parse(JSON.stringify(body)), written: new Date() });
  }

  recent(limit: number): Promise<EventDeadLetter[]> {
    const blobs = [...this.blobs].map(([name, { written }]) => ({ name, written }));
    return newestDeadLetters(blobs, async (name) => this.blobs.get(name)?.body, limit);
  }
}
