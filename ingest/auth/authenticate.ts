import type { HttpRequest } from '@azure/functions';
import type { ClientRecord } from '../../adapters/ingest-store/ingest-store.js';
import type { IngestDeps } from '../deps.js';
import { HttpError } from '../http/http-error.js';
import { hashApiKey } from '../security/api-key.js';

const unauthorized = (code: string, title: string, detail: string) =>
  new HttpError(401, code, title, detail, undefined, { 'www-authenticate': 'ApiKey' });

/**
 * The client behind the request's `x-api-key` (stored hashed), within its rate limit; else 401 or 429. A key the
 * client's record no longer lists, or lists as expired (replaced by a rotation whose overlap ended), is refused, as is
 * every key of a deleted client. The lookup is cached (cached-client-lookup.ts), so a rotation or a deletion takes
 * effect within that cache's TTL; an overlap's end takes effect at once, as the expiry travels in the record.
 */
export async function authenticate(
  request: HttpRequest,
  deps: Pick<IngestDeps, 'clientByKeyHash' | 'rateLimiter'> & Partial<Pick<IngestDeps, 'now'>>,
): Promise<ClientRecord> {
  const key = request.headers.get('x-api-key');
  if (!key) throw unauthorized('missing-api-key', 'API key required', 'Send your API key in the x-api-key header.');
  const hash = hashApiKey(key);
  const client = key.length <= 200 ? await deps.clientByKeyHash(hash) : undefined;
  const entry = client?.apiKeys?.find((k) => k.hash === hash);
  if (!client || (client.apiKeys && !entry)) throw unauthorized('invalid-api-key', 'Invalid API key', 'The API key is not known.');
  if (client.deletedAt)
    throw unauthorized('client-deleted', 'Client deleted', `The client this key belongs to was deleted on ${client.deletedAt}.`);
  const now = deps.now?.() ?? new Date();
  if (entry?.expiresAt && Date.parse(entry.expiresAt) <= now.getTime())
    throw unauthorized(
      'api-key-expired',
      'API key expired',
      `The key was replaced by a newer one and stopped working at ${entry.expiresAt}.`,
    );
  const verdict = deps.rateLimiter.take(client.clientId, client.rateLimitPerMinute);
  if (!verdict.allowed) {
    throw new HttpError(
      429,
      'rate-limited',
      'Too many requests',
      `The limit is ${client.rateLimitPerMinute} requests a minute.`,
      { retryAfterSeconds: verdict.retryAfterSeconds },
      {
        'retry-after': String(verdict.retryAfterSeconds),
      },
    );
  }
  return client;
}
