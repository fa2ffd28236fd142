import type { Readable } from 'node:stream';

/**
 * Reads at most `maxBytes` of a response body, then destroys the stream: a receiver must not be
 * able to make us buffer (or wait for) an endless answer. Never throws; a body that fails or
 * times out midway yields what had arrived.
 */
export async function readCapped(body: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Destroying a body before its end makes undici emit an abort error: expected, not a crash.
  body.on('error', () => undefined);
  try {
    for await (const chunk of body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      chunks.push(buffer.subarray(0, maxBytes - size));
      size += Math.min(buffer.length, maxBytes - size);
      if (size >= maxBytes) break;
    }
  } catch {
    // The excerpt is for the attempt record only; a broken body is not a second failure.
  } finally {
    body.destroy();
  }
  return Buffer.concat(chunks, size);
}
