import type { IncomingMessage } from 'node:http';

/** The body passed the cap: nothing more of it is kept. */
export class BodyTooLarge extends Error {
  override readonly name = 'BodyTooLarge';
}

/** The client went away before its body ended. */
export class BodyAborted extends Error {
  override readonly name = 'BodyAborted';
}

/**
 * Reads a request body into memory, at most `maxBytes`: a declared Content-Length over the cap is refused before a
 * byte is read, and a longer body is refused as soon as it passes the cap, so a 50 MB upload never costs more than
 * `maxBytes` of memory. Reading stops there (the stream is paused, not destroyed, so the answer can still be sent);
 * what is left unread is discardRest's.
 */
export function readCappedBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(new BodyTooLarge(`${declared} bytes declared`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error?: Error) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.pause();
      chunks.length = 0;
      stop(new BodyTooLarge(`more than ${maxBytes} bytes sent`));
    };
    const onEnd = () => stop();
    const onError = (error: Error) => stop(new BodyAborted(error.message));
    const onClose = () => stop(new BodyAborted('the connection closed before the body ended'));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}
