import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../orchestrator/webhooks/sign.js';

export interface Received {
  path: string;
  deliveryId: string;
  attempt: string;
  validSignature: boolean;
  /** The W3C trace context the delivery carried, if any. */
  traceparent?: string;
  headers: IncomingHttpHeaders;
  body: {
    submissionId?: string;
    status?: string;
    files?: { fileId: string; state: string; escalated: boolean; reason?: string }[];
    type?: string;
    data?: unknown;
  };
  answered: number;
}

/** A client's webhook endpoint on 127.0.0.1: verifies signatures, and answers what `respond` says per request. */
export async function startReceiver(
  secret: string,
  respond: (r: Omit<Received, 'answered'>) => number = () => 200,
): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const r = {
        path: req.url ?? '',
        deliveryId: String(req.headers['newsdesk-delivery'] ?? ''),
        attempt: String(req.headers['newsdesk-attempt'] ?? ''),
        validSignature: verifySignature(String(req.headers['newsdesk-signature'] ?? ''), body, secret),
        traceparent: typeof req.headers.traceparent === 'string' ? req.headers.traceparent : undefined,
        headers: req.headers,
        body: JSON.parse(body || '{}') as Received['body'],
      };
      const status = respond(r);
      received.push({ ...r, answered: status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
