import { NON_RETRYABLE_ERROR } from '../../contracts/orchestrations.js';

/**
 * Whether an activity's failure says no retry can help. The SDK hands the orchestration a TaskFailedError whose
 * `failureDetails.errorType` is the thrown error's name where the host reports it; otherwise an Error of the
 * failure's reason and details, whose stack trace starts with `NonRetryableError: `.
 */
export function isNonRetryable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const details = (error as { failureDetails?: { errorType?: unknown } }).failureDetails;
  if (typeof details?.errorType === 'string') return details.errorType === NON_RETRYABLE_ERROR;
  return error.message.includes(`${NON_RETRYABLE_ERROR}: `);
}
