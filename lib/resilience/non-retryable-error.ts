import { NON_RETRYABLE_ERROR } from '../../contracts/orchestrations.js';

/**
 * Thrown by an activity for what no retry can change (a summary that does not exist, a client that was deleted):
 * the orchestration stops at once instead of retrying over its window. Everything else an activity throws is taken
 * as an infrastructure fault and retried; a permanent answer the orchestration can act on is a value, not an error.
 */
export class NonRetryableError extends Error {
  override readonly name = NON_RETRYABLE_ERROR;
}
