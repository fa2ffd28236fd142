import { TooLarge } from './too-large.js';

/**
 * Reads a web stream (a fetch Response's body, an Azure Functions request's body) into memory, at most `maxBytes`:
 * a longer body rejects with TooLarge as soon as it passes the cap, and the rest is cancelled, never downloaded.
 * A failing stream rejects with its own error.
 */
export async function readCappedWeb(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Buffer> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return Buffer.concat(chunks, size);
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new TooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
}
