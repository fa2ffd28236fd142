import type { ContainerClient } from '@azure/storage-blob';
import type { DeadLetterRecord, DeadLetterSink } from './types.js';

/**
 * Dead-letters to Blob Storage as Azure's dead-letter destination does: one JSON blob per event, named
 * `{topic}/{subscription}/{yyyy}/{MM}/{dd}/{eventId}.json` (UTC date), so writing the same record again
 * overwrites instead of duplicating.
 */
export class BlobDeadLetterSink implements DeadLetterSink {
  private ready: Promise<unknown> | undefined;

  constructor(private readonly container: ContainerClient) {}

  async write(record: DeadLetterRecord): Promise<void> {
    // Created once, lazily: the sink may be built before Azurite listens. A failure is retried next write.
    this.ready ??= this.container.createIfNotExists().catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    });
    await this.ready;
    const body = JSON.stringify(record, null, 2);
    await this.container.getBlockBlobClient(deadLetterBlobName(record)).upload(body, Buffer.byteLength(body), {
      blobHTTPHeaders: { blobContentType: 'application/json' },
    });
  }
}

/** The blob name for a record; event ids are publisher-chosen, so encode them to keep one path segment. */
export function deadLetterBlobName(record: Pick<DeadLetterRecord, 'topic' | 'subscription' | 'event' | 'deadLetteredAt'>): string {
  const day = new Date(record.deadLetteredAt).toISOString().slice(0, 10).replaceAll('-', '/');
  const id = encodeURIComponent(String(record.event.id));
  return `${record.topic}/${record.subscription}/${day}/${id}.json`;
}
