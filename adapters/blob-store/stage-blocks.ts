import { Readable } from 'node:stream';
import type { BlockBlobClient } from '@azure/storage-blob';

export interface StageOptions {
  /** A block is staged once this many bytes have come in. */
  blockBytes: number;
  /** Blocks being staged at once: reading the body waits while this many are in flight (backpressure). */
  inFlight: number;
  contentType?: string;
  metadata?: Record<string, string>;
}

// Block ids of one blob must all have the same length: a zero-padded index, base64 as the service wants it.
const blockId = (index: number): string => Buffer.from(String(index).padStart(6, '0')).toString('base64');

/**
 * Streams `body` into a block blob without copying it: the chunks as they came in are sent as the body of each Put
 * Block (the SDK's uploadStream copies every byte into pooled buffers first). A body that fits in one block is one Put
 * Blob. Otherwise the blocks are committed once the body has ended; should a block or the body fail, nothing is
 * committed, so no half-written blob appears.
 */
export async function stageBlocks(blob: BlockBlobClient, body: Readable, options: StageOptions): Promise<void> {
  const headers = { blobHTTPHeaders: { blobContentType: options.contentType }, metadata: options.metadata };
  const ids: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  let parts: Buffer[] = [];
  let bytes = 0;
  const stage = (): void => {
    const id = blockId(ids.length);
    const chunks = parts;
    ids.push(id);
    // A function, not a stream: the SDK's retry policy calls it again to resend the block.
    const staged = blob
      .stageBlock(id, () => Readable.from(chunks), bytes)
      .then(
        () => void inFlight.delete(staged),
        (error: unknown) => {
          inFlight.delete(staged);
          failure ??= { error };
        },
      );
    inFlight.add(staged);
    parts = [];
    bytes = 0;
  };
  try {
    for await (const chunk of body as AsyncIterable<Buffer | string>) {
      if (failure) throw failure.error;
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      parts.push(buffer);
      bytes += buffer.length;
      if (bytes < options.blockBytes) continue;
      stage();
      while (inFlight.size >= options.inFlight && !failure) await Promise.race(inFlight);
    }
  } finally {
    // Also when the body failed: no stage is left running (or rejecting unobserved) after this returns.
    await Promise.all(inFlight);
  }
  if (ids.length === 0) {
    const chunks = parts;
    await blob.upload(() => Readable.from(chunks), bytes, headers);
    return;
  }
  if (bytes > 0) stage();
  await Promise.all(inFlight);
  if (failure) throw failure.error;
  await blob.commitBlockList(ids, headers);
}
