import type { IncomingMessage } from 'node:http';

export interface Linger {
  bytes: number;
  ms: number;
}

/**
 * After an early answer (too large, 429) the client may still be sending its body. Closing with unread data resets
 * the connection (TCP RST), and the client may lose the answer it has not read yet; so the rest is read and thrown
 * away (never kept), as web servers' "lingering close" does, and the connection stays usable. A client that keeps
 * sending past `linger.bytes` or `linger.ms` has its connection closed.
 */
export function discardRest(req: IncomingMessage, linger: Linger): void {
  if (req.complete) return;
  let seen = 0;
  const close = () => {
    clearTimeout(timer);
    req.socket.destroy();
  };
  const timer = setTimeout(close, linger.ms);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > linger.bytes) close();
  });
  req.on('end', () => clearTimeout(timer));
  req.on('error', () => clearTimeout(timer));
  req.resume();
}
