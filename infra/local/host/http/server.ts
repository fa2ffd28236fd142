import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export interface InboundTimeouts {
  /** The request line and headers arrive within this, or the connection gets 408 and closes (slow headers). */
  headersMs: number;
  /**
   * The whole request arrives within this: Azure's front end answers no request after 230 s either. A stalled body is
   * cut sooner by the app's own idle timeout (NEWSDESK_UPLOAD_IDLE_TIMEOUT); big files go through upload sessions.
   */
  requestMs: number;
}

export const DEFAULT_TIMEOUTS: InboundTimeouts = { headersMs: 10_000, requestMs: 230_000 };

/** Starts an HTTP listener on 127.0.0.1; a handler that throws answers 500 and the server keeps serving. */
export async function listen(
  port: number,
  handler: RequestHandler,
  onError: (e: unknown) => void,
  timeouts: InboundTimeouts = DEFAULT_TIMEOUTS,
): Promise<{ server: Server; port: number }> {
  const options = {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    // Node checks both timeouts only this often (30 s by default): often enough that they mean what they say.
    connectionsCheckingInterval: Math.max(100, Math.min(timeouts.headersMs, timeouts.requestMs) / 4),
  };
  const server = createServer(options, (req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    } catch {
      res.writeHead(400).end();
      return;
    }
    handler(req, res, url).catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal server error.');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

export async function close(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
