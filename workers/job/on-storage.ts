import { isTransientFault } from '../../lib/resilience/transient-fault.js';

/** Storage could not be reached for one of the job's own reads or writes: an outage for every job, not this job's fault. */
export class StorageUnavailable extends Error {
  override readonly name = 'StorageUnavailable';
  readonly retryable = true as const;
  /** Read by failureOf: the consumer gives the job back without spending its delivery budget (until its deadline). */
  readonly outage = true as const;
}

/**
 * Runs one of the job's storage calls (the cancellation check, the results write, their clean-up): a transient failure
 * (storage down, timing out, answering 5xx) becomes StorageUnavailable; any other failure is left as it is.
 */
export async function onStorage<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isTransientFault(error)) throw error;
    throw new StorageUnavailable(`storage could not be reached to ${what}: ${(error as Error).message}`, { cause: error });
  }
}
