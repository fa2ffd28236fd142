import type { InvocationContext } from '@azure/functions';
import { retry } from '../../lib/resilience/retry.js';
import { isTransientFault } from '../../lib/resilience/transient-fault.js';
import type { IngestDeps } from '../deps.js';
import { IDEMPOTENCY_CLAIM_MS } from './idempotency.js';

/**
 * Frees the Idempotency-Key of a request that was refused or failed, so that the client's retry runs. When storage is
 * down the release fails as the request did: it is tried again in the background, for as long as the claim would hold
 * the key anyway, so that a retry sent once storage is back runs at once instead of meeting 409 until the claim
 * expires. The release names this request's claim: it never frees a key another request holds.
 */
export function freeIdempotencyKey(
  deps: Pick<IngestDeps, 'store'>,
  claim: { clientId: string; key: string; claimId: string },
  context?: InvocationContext,
): Promise<void> {
  return retry(() => deps.store.releaseIdempotency(claim.clientId, claim.key, claim.claimId), {
    attempts: Number.MAX_SAFE_INTEGER,
    baseDelayMs: 500,
    maxDelayMs: 5_000,
    budgetMs: IDEMPOTENCY_CLAIM_MS,
    retryable: isTransientFault,
  }).then(
    () => undefined,
    (error: unknown) => context?.warn(`idempotency key of ${claim.clientId} not freed; it frees itself when its claim expires`, error),
  );
}
