import type { HttpRequest } from '@azure/functions';
import type { ClientRecord } from '../../adapters/ingest-store/ingest-store.js';
import type { IngestDeps } from '../deps.js';
import { HttpError } from '../http/http-error.js';
import { hashApiKey } from '../security/api-key.js';

/** The client behind the request's `x-api-key` (stored hashed), within its rate limit; else 401 or 429. */
export async function authenticate(request: HttpRequest, deps: Pick<IngestDeps, 'clientByKeyHash' | 'rateLimiter'>): Promise<ClientRecord> {
  const key = request.headers.get('x-api-key');
  if (!key)
    throw new HttpError(401, 'missing-api-key', 'API key required', 'Send your API key in the x-api-key header.', undefined, {
      'www-authenticate': 'ApiKey',
    });
  const client = key.length <= 200 ? await deps.clientByKeyHash(hashApiKey(key)) : undefined;
  if (!client)
    throw new HttpError(401, 'invalid-api-key', 'Invalid API key', 'The API key is not known.', undefined, {
      'www-authenticate': 'ApiKey',
    });
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
