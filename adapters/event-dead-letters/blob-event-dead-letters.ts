import { RestError, type ContainerClient } from '@azure/storage-blob';
import type { EventDeadLetter, EventDeadLetters } from './event-dead-letters.js';
import { newestDeadLetters } from './newest-dead-letters.js';

/** EventDeadLetters from the dead-letter container Event Grid writes to (Azure Storage, Azurite locally). */
export class BlobEventDeadLetters implements EventDeadLetters {
  constructor(private readonly container: ContainerClient) {}

  async recent(limit: number): Promise<EventDeadLetter[]> {
    const blobs: { name: string; written: Date }[] = [];
    try {
      for await (const blob of this.container.listBlobsFlat()) blobs.push({ name: blob.name, written: blob.properties.lastModified });
    } catch (error) {
      // Nothing was ever dead-lettered: Event Grid (or the stand-in) creates the container on its first letter.
      if (error instanceof RestError && error.statusCode === 404) return [];
      throw error;
    }
    return newestDeadLetters(
      blobs,
      async (name) => JSON.parse((await this.container.getBlobClient(name).downloadToBuffer()).toString('utf8')),
      limit,
    );
  }
}
