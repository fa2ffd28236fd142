import { FIRST_REPLAY_NUMBER, type DeadLetter, type DeliveryAttempt, type DeliveryStore } from './delivery-store.js';
import { attemptKey, deliveryKey } from './delivery-keys.js';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * DeliveryStore in this process's memory, for unit tests: it passes delivery-store.contract.ts,
 * refusing the ids the table adapter refuses and listing in the same order.
 */
export class InMemoryDeliveryStore implements DeliveryStore {
  /** submissionId → attempt key → attempt. */
  private readonly attempts = new Map<string, Map<string, DeliveryAttempt>>();
  private readonly deadLetters = new Map<string, DeadLetter>();
  /** submissionId → the last delivery number handed out. */
  private readonly counters = new Map<string, number>();

  async recordAttempt(submissionId: string, attempt: DeliveryAttempt): Promise<void> {
    const key = deliveryKey('submissionId', submissionId);
    const row = attemptKey(attempt);
    let rows = this.attempts.get(key);
    if (!rows) this.attempts.set(key, (rows = new Map()));
    rows.set(row, copy(attempt));
  }

  async listAttempts(submissionId: string): Promise<DeliveryAttempt[]> {
    const rows = this.attempts.get(deliveryKey('submissionId', submissionId)) ?? new Map<string, DeliveryAttempt>();
    // Key order first, as the table returns rows; then by time (a stable sort keeps key order on ties).
    return [...rows.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, attempt]) => copy(attempt))
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }

  async putDeadLetter(submissionId: string, letter: DeadLetter): Promise<void> {
    this.deadLetters.set(deliveryKey('submissionId', submissionId), copy(letter));
  }

  async getDeadLetter(submissionId: string): Promise<DeadLetter | undefined> {
    const letter = this.deadLetters.get(deliveryKey('submissionId', submissionId));
    return letter && copy(letter);
  }

  async clearDeadLetter(submissionId: string): Promise<void> {
    this.deadLetters.delete(deliveryKey('submissionId', submissionId));
  }

  async allocateDeliveryNumber(submissionId: string): Promise<number> {
    const key = deliveryKey('submissionId', submissionId);
    // Read and write with no await between them: one event-loop turn, so concurrent callers never share a number.
    const next = (this.counters.get(key) ?? FIRST_REPLAY_NUMBER - 1) + 1;
    this.counters.set(key, next);
    return next;
  }
}
