import { CliError } from '../cli-error.js';
import { verifySignature } from '../../lib/webhooks/verify-signature.js';

/**
 * Checks a saved delivery: `{ headers, body, receivedAt? }`, as the local inbox's `GET /deliveries` lists them. `body`
 * is the raw text, or the JSON it parsed to (Newsdesk signs compact JSON, so serialising it again gives the same
 * bytes). The signature's time is checked against when it was received, if saved, else now: a delivery saved
 * yesterday still verifies, a replayed one does not.
 */
export function verifyDelivery(delivery: unknown, secret: string, toleranceSeconds: number, now = Date.now()): boolean {
  if (typeof delivery !== 'object' || delivery === null || !('headers' in delivery) || !('body' in delivery)) {
    throw new CliError('A delivery is a JSON object with "headers" and "body".');
  }
  const { headers, body, receivedAt } = delivery as { headers: unknown; body: unknown; receivedAt?: unknown };
  const entry = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'newsdesk-signature')?.[1];
  const header = Array.isArray(entry) ? entry[0] : entry;
  if (typeof header !== 'string') throw new CliError('The delivery has no Newsdesk-Signature header.');
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const at = typeof receivedAt === 'string' && !Number.isNaN(Date.parse(receivedAt)) ? Date.parse(receivedAt) : now;
  return verifySignature(header, raw, secret, { toleranceSeconds, now: at / 1000 });
}
