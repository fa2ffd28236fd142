import { randomUUID } from 'node:crypto';
import type { AnsweredIdempotency } from '../../adapters/ingest-store/ingest-store.js';
import type { IngestDeps } from '../deps.js';
import { HttpError } from '../http/http-error.js';

/**
 * How long a pending claim holds its key. Azure's front end cuts an HTTP request off after 230 s, so a claim older than
 * this belongs to a request that can no longer answer (its host died): the next request with the key takes it over.
 */
export const IDEMPOTENCY_CLAIM_MS = 5 * 60_000;

/** This request holds the key (`claimId`), or the key already has an answer to replay. */
export type IdempotencyClaim = { claimId: string; answered?: never } | { claimId?: never; answered: AnsweredIdempotency };

/**
 * Claims an Idempotency-Key before the body is read, atomically, so that of concurrent duplicates exactly one runs.
 * A duplicate that finds the key pending is answered 409 with Retry-After at once, without reading its body: it
 * writes nothing, and its retry gets the first request's answer. The body's fingerprint is only known after the
 * upload, so it is checked against the stored answer, not the claim.
 */
export async function claimIdempotencyKey(
  deps: Pick<IngestDeps, 'store' | 'now'>,
  clientId: string,
  key: string,
): Promise<IdempotencyClaim> {
  const now = deps.now();
  const claimId = randomUUID();
  const held = await deps.store.claimIdempotency(
    clientId,
    key,
    { state: 'pending', claimId, expiresAt: new Date(now.getTime() + IDEMPOTENCY_CLAIM_MS).toISOString() },
    now.toISOString(),
  );
  if (!held) return { claimId };
  if (held.state === 'pending') {
    throw new HttpError(
      409,
      'idempotency-in-progress',
      'Idempotency-Key in use',
      'A request with this key is still being processed: retry after a moment to get its answer.',
      { retryAfterSeconds: 1 },
      { 'retry-after': '1' },
    );
  }
  return { answered: held };
}
