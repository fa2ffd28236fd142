import type { HttpResponseInit } from '@azure/functions';
import type { IngestDeps } from '../deps.js';
import { HttpError } from '../http/http-error.js';

/** The first answer for an Idempotency-Key with the same body, or 409 when the body differs. */
export async function replayIdempotent(
  deps: Pick<IngestDeps, 'store'>,
  clientId: string,
  key: string,
  print: string,
): Promise<HttpResponseInit | undefined> {
  const first = await deps.store.getIdempotency(clientId, key);
  if (!first) return undefined;
  if (first.fingerprint !== print) {
    throw new HttpError(409, 'idempotency-key-reused', 'Idempotency-Key reused', 'This key was used for a different request body.');
  }
  return { status: first.status, headers: { 'idempotent-replayed': 'true' }, jsonBody: first.body };
}

export async function rememberIdempotent(
  deps: Pick<IngestDeps, 'store'>,
  clientId: string,
  key: string,
  print: string,
  response: HttpResponseInit,
): Promise<void> {
  await deps.store.claimIdempotency(clientId, key, { fingerprint: print, status: response.status ?? 200, body: response.jsonBody });
}
