/** One try at delivering a webhook, as the delivery activity returns it and the store keeps it. */
export interface DeliveryAttempt {
  deliveryId: string;
  /** 1 for the first try; a retry of the same delivery keeps the deliveryId and counts up. */
  attempt: number;
  /** When the try started (ISO 8601). */
  at: string;
  /** delivered: 2xx; gone: 410, stop; retry: anything else; rejected-url: the SSRF guard refused the target. */
  outcome: 'delivered' | 'gone' | 'retry' | 'rejected-url';
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  latencyMs: number;
  /** Why it failed: the network error, the refusal, or the start of the receiver's answer. */
  error?: string;
}

/** A delivery that gave up; kept until someone replays it or clears it. */
export interface DeadLetter {
  deliveryId: string;
  /** The exact JSON body that was signed and sent, so a replay sends the same bytes. */
  body: string;
  reason: string;
  at: string;
}

/**
 * The port for webhook delivery records: every attempt (the client-facing delivery log) and the
 * dead letter of a submission whose delivery finally failed. Adapters: TableDeliveryStore (Azure
 * Table Storage, Azurite locally) and InMemoryDeliveryStore (unit tests); both pass delivery-store.contract.ts.
 */
export interface DeliveryStore {
  /** Idempotent by deliveryId + attempt: an activity that runs twice leaves one row (the last write). */
  recordAttempt(submissionId: string, attempt: DeliveryAttempt): Promise<void>;
  /** Every attempt of the submission's deliveries, oldest first. */
  listAttempts(submissionId: string): Promise<DeliveryAttempt[]>;
  /** One dead letter per submission; a later one replaces it. */
  putDeadLetter(submissionId: string, letter: DeadLetter): Promise<void>;
  getDeadLetter(submissionId: string): Promise<DeadLetter | undefined>;
  /** Removes the dead letter (after a replay); clearing a missing one is not an error. */
  clearDeadLetter(submissionId: string): Promise<void>;
  /**
   * The next number for a replay's delivery id, taken atomically: concurrent callers get distinct,
   * increasing numbers. It starts at FIRST_REPLAY_NUMBER, because `.1` is the submission
   * orchestration's own delivery, which may still be under way (and so not yet recorded).
   */
  allocateDeliveryNumber(submissionId: string): Promise<number>;
}

/** The first number allocateDeliveryNumber hands out; deliveryIdOf(submissionId, 1) is the first delivery's. */
export const FIRST_REPLAY_NUMBER = 2;
