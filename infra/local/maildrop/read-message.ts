import type { Readable } from 'node:stream';

/**
 * Reads a DATA stream into memory, up to `maxBytes`: the whole message is needed anyway, for its
 * hash and because the JSON carries every attachment. Past the limit it keeps draining (the SMTP
 * session only moves on once the stream ends) but keeps nothing, and resolves `undefined`.
 */
export function readMessage(stream: Readable, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else chunks.length = 0;
    });
    stream.once('error', reject);
    stream.once('end', () => resolve(size <= maxBytes ? Buffer.concat(chunks, size) : undefined));
  });
}
