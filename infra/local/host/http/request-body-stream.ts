import type { IncomingMessage } from 'node:http';

// What the body may hold unread before the client's socket is paused: a few socket reads' worth.
const HIGH_WATER_BYTES = 256 * 1024;

/**
 * The request body as a web stream of the socket's own chunks, for the programming model's proxy. Handed an
 * IncomingMessage (as in Azure, where its proxy server receives the host's request), `@azure/functions` builds the
 * undici Request from it, and undici copies every chunk into a new Uint8Array; a web stream it uses as it is, so the
 * function reads the bytes the socket read. Reading pauses the socket while the stream is full. `abandon` (also what
 * cancelling the stream does: the function stopped reading) drains the rest, so the client reads the answer.
 */
export function requestBodyStream(req: IncomingMessage): { stream: ReadableStream<Uint8Array>; abandon(): void } {
  let done = false;
  const abandon = (): void => {
    done = true;
    if (!req.readableEnded) req.resume();
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on('data', (chunk: Buffer) => {
          if (done) return;
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once('end', () => {
          if (done) return;
          done = true;
          controller.close();
        });
        req.once('close', () => {
          if (done) return;
          // The client went away mid-body: the function sees a failed read, not a body that never ends.
          done = true;
          controller.error(new Error('The client closed the connection before the request body ended.'));
        });
      },
      pull() {
        req.resume();
      },
      cancel: abandon,
    },
    new ByteLengthQueuingStrategy({ highWaterMark: HIGH_WATER_BYTES }),
  );
  return { stream, abandon };
}
