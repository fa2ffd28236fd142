import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SubmissionSummary } from '../../contracts/submission-summary.js';
import { verifySignature } from '../../lib/webhooks/verify-signature.js';
import { summaryIssues } from './published-summary.js';

export interface Received {
  path: string;
  deliveryId: string;
  attempt: string;
  validSignature: boolean;
  /** The W3C trace context the delivery carried, if any. */
  traceparent?: string;
  /** As received, for checks of their own (the Standard Webhooks headers and signature). */
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** Why a summary (a body with `files`) fails the published JSON Schema; null when it passes or is no summary. */
  summaryIssues: string | null;
  /** A summary, or another notification (`type`, `data`). */
  body: Partial<SubmissionSummary> & { type?: string; data?: unknown };
  answered: number;
}

/**
 * A client's webhook endpoint on 127.0.0.1: verifies signatures, and answers what `respond` says per request. Every
 * summary it receives (a body with `files`) must pass the published JSON Schema: `close()` fails the suite otherwise.
 */
export async function startReceiver(
  secret: string,
  respond: (r: Omit<Received, 'answered'>) => number = () => 200,
): Promise<{ url: string; received: Received[]; down(): Promise<void>; up(): Promise<void>; close(): Promise<void> }> {
  const received: Received[] = [];
  const invalid: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const parsed = JSON.parse(body || '{}') as Received['body'];
      const r = {
        path: req.url ?? '',
        deliveryId: String(req.headers['newsdesk-delivery'] ?? ''),
        attempt: String(req.headers['newsdesk-attempt'] ?? ''),
        validSignature: verifySignature(String(req.headers['newsdesk-signature'] ?? ''), body, secret),
        traceparent: typeof req.headers.traceparent === 'string' ? req.headers.traceparent : undefined,
        headers: req.headers,
        rawBody: body,
        body: parsed,
        summaryIssues: 'files' in parsed ? summaryIssues(parsed) : null,
      };
      if (r.summaryIssues) invalid.push(`${r.path} ${r.deliveryId}: ${r.summaryIssues}`);
      const status = respond(r);
      received.push({ ...r, answered: status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const stopListening = () =>
    new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    });
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    // A client's endpoint that is down: connections refused until `up()` listens on the same port again.
    down: stopListening,
    up: () => new Promise<void>((r) => server.listen(port, '127.0.0.1', r)),
    close: async () => {
      if (server.listening) await stopListening();
      if (invalid.length > 0) throw new Error(`Deliveries that fail the published summary schema:\n${invalid.join('\n')}`);
    },
  };
}
