import type { Readable } from 'node:stream';

export interface DiscardLimits {
  /** How much more to read and drop; 0 destroys the stream at once. */
  bytes: number;
  /** How long to keep reading; unbounded when absent. */
  ms?: number;
}

/**
 * Lets go of a body nobody will read. A request still being sent after an early answer (too large, 429, 401) is read
 * and thrown away, as web servers' "lingering close" does: closing with unread data resets the connection (TCP RST),
 * and the client may lose the answer it has not read yet. Past `limits` the stream is destroyed (for a server's
 * request, its connection closes). Nothing waits on it, and its errors no longer matter to anyone.
 */
export function discardBody(stream: Readable, limits: DiscardLimits): void {
  stream.on('error', () => undefined);
  if (stream.readableEnded || stream.destroyed) return;
  if (limits.bytes <= 0) {
    stream.destroy();
    return;
  }
  let dropped = 0;
  const stop = () => {
    clearTimeout(timer);
    stream.off('data', drop);
    stream.destroy();
  };
  const drop = (chunk: { length: number }) => {
    dropped += chunk.length;
    if (dropped > limits.bytes) stop();
  };
  const timer = limits.ms === undefined ? undefined : setTimeout(stop, limits.ms);
  timer?.unref();
  stream.once('end', () => clearTimeout(timer));
  stream.once('close', () => clearTimeout(timer));
  stream.on('data', drop);
  stream.resume();
}
