import type { Readable } from 'node:stream';
import { StreamAborted } from './stream-aborted.js';
import { TooLarge } from './too-large.js';

export interface CappedReadOptions {
  /** A Content-Length the sender declared: when it is over the cap, refused before a byte is read. */
  declaredBytes?: number;
  /**
   * Keep the first `maxBytes` and resolve, whatever happens after: past the cap, on a stream error, on an early
   * close. For records of a failed answer, where an excerpt is all anyone needs and a broken body is no second failure.
   */
  excerpt?: boolean;
}

/**
 * Reads a Node stream (a request, an undici response body) into memory, at most `maxBytes`: a longer body rejects
 * with TooLarge as soon as it passes the cap, so it never costs more than `maxBytes`; a failing or early-closed
 * stream rejects with StreamAborted. The stream is paused there, never destroyed: an HTTP server can still answer
 * on the same connection, and the caller decides what becomes of the rest (see discardBody).
 */
export function readCapped(stream: Readable, maxBytes: number, options: CappedReadOptions = {}): Promise<Buffer> {
  const { declaredBytes, excerpt = false } = options;
  if (!excerpt && declaredBytes !== undefined && Number.isFinite(declaredBytes) && declaredBytes > maxBytes) {
    return Promise.reject(new TooLarge(maxBytes, declaredBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error?: Error) => {
      stream.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      // Whatever the stream does next is the caller's; an error it raises later must not crash the process.
      stream.on('error', () => undefined);
      if (error && !excerpt) reject(error);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (size + buffer.length <= maxBytes) {
        chunks.push(buffer);
        size += buffer.length;
        return;
      }
      stream.pause();
      if (excerpt) {
        chunks.push(buffer.subarray(0, maxBytes - size));
        size = maxBytes;
        return stop();
      }
      chunks.length = 0;
      size = 0;
      stop(new TooLarge(maxBytes));
    };
    const onEnd = () => stop();
    const onError = (error: Error) => stop(new StreamAborted(error.message, { cause: error }));
    const onClose = () => stop(new StreamAborted('the stream closed before its end'));
    if (stream.readableEnded) return stop();
    if (stream.destroyed) return stop(new StreamAborted('the stream was destroyed before it was read'));
    stream.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}
