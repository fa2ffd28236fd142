/**
 * The original could not be read. `retryable` when the storage side may recover (network, 5xx); `outage` when that is
 * storage's fault, not the job's (failureOf: the job is given back without spending its delivery budget).
 */
export class OriginalUnavailable extends Error {
  override readonly name = 'OriginalUnavailable';
  readonly outage: boolean;
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown; outage?: boolean },
  ) {
    super(message, options);
    this.outage = options?.outage ?? false;
  }
}

/** The orchestration's callback did not take the event (5xx, network): the job stays on the queue and is raised again later. */
export class CallbackFailed extends Error {
  override readonly name = 'CallbackFailed';
  readonly retryable = true as const;
}
