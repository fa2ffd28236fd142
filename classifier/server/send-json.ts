import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { discardBody, type DiscardLimits } from '../../lib/streams/discard-body.js';

/**
 * Sends a JSON answer with the headers Azure sends (`apim-request-id`). When the request's body was not read to its end
 * (refused early: too large, 429, 401…) the rest of it is discarded, within bounds (see discardBody).
 */
export function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  answer: { status: number; body: unknown; headers?: Record<string, string> },
  linger: DiscardLimits,
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(answer.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'apim-request-id': randomUUID(),
    'X-Content-Type-Options': 'nosniff',
    ...answer.headers,
  });
  res.end(JSON.stringify(answer.body));
  discardBody(req, linger);
}
