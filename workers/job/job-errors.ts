/** The original could not be read. `retryable` when the storage side may recover (network, 5xx). */
export class OriginalUnavailable extends Error {
  override readonly name = 'OriginalUnavailable';
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The orchestration's callback did not take the event (5xx, network): the job stays on the queue and is raised again later. */
export class CallbackFailed extends Error {
  override readonly name = 'CallbackFailed';
  readonly retryable = true as const;
}
