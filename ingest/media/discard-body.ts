import type { Readable } from 'node:stream';

/**
 * Lets go of a request body after a failure. It keeps reading and dropping what the client is
 * still sending, so the client gets to read the error response rather than a reset connection,
 * but only up to `budget` bytes (what the request was allowed anyway); past that the body is
 * destroyed. Nothing waits on it.
 */
export function discardBody(source: Readable, budget: number): void {
  if (source.readableEnded || source.destroyed) return;
  if (budget <= 0) {
    source.destroy();
    return;
  }
  let dropped = 0;
  const drop = (chunk: { length: number }) => {
    dropped += chunk.length;
    if (dropped > budget) {
      source.off('data', drop);
      source.destroy();
    }
  };
  source.on('error', () => undefined); // the body's errors no longer matter to anyone
  source.on('data', drop);
  source.resume();
}
