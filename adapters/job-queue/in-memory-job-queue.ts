import { settleOnce } from './settle-once.js';
import type { JobQueue, ReceivedJob } from './job-queue.js';

interface Message {
  messageId: string;
  /** JSON, as both services carry it: a received body is a copy. */
  body: string;
  deliveryCount: number;
  /** When the job may be received (again): after its lock or its abandon delay. */
  visibleAt: number;
  /** The current delivery's lock; a later delivery gets a new one, so a stale holder is refused. */
  lock?: number;
}

export interface DeadLetteredJob<T> {
  messageId: string;
  body: T;
  reason: string;
  deliveryCount: number;
}

/**
 * JobQueue in this process's memory, for unit tests: it passes job-queue.contract.ts with the same
 * peek-lock rules as the services — a lock hides a job for `lockSeconds`, an expired lock brings it
 * back with the next deliveryCount and can no longer settle it (Service Bus's rule), and a job
 * received more than `maxDeliveryCount` times is dead-lettered instead. `deadLettered` is the
 * dead-letter queue a test inspects.
 */
export class InMemoryJobQueue<T> implements JobQueue<T> {
  readonly deadLettered: DeadLetteredJob<T>[] = [];
  private readonly messages: Message[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly maxDeliveryCount: number;
  private nextLock = 1;
  private closed = false;

  constructor(options: { maxDeliveryCount?: number } = {}) {
    this.maxDeliveryCount = options.maxDeliveryCount ?? 5;
  }

  async send(body: T, options: { messageId: string }): Promise<void> {
    this.assertOpen();
    this.messages.push({ messageId: options.messageId, body: JSON.stringify(body), deliveryCount: 0, visibleAt: 0 });
    this.wake();
  }

  async receive(options: { max: number; lockSeconds: number; waitSeconds?: number }): Promise<ReceivedJob<T>[]> {
    this.assertOpen();
    const deadline = Date.now() + (options.waitSeconds ?? 0) * 1000;
    for (;;) {
      const jobs = this.take(Math.max(1, options.max), options.lockSeconds * 1000);
      if (jobs.length > 0 || this.closed || Date.now() >= deadline) return jobs;
      await this.changeOrTimeout(Math.min(deadline, this.nextVisibleAt()) - Date.now());
    }
  }

  /** Every job not yet completed or dead-lettered, locked or delayed ones included (as the services count). */
  async depth(): Promise<number> {
    return this.messages.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake();
  }

  private take(max: number, lockMs: number): ReceivedJob<T>[] {
    const now = Date.now();
    const jobs: ReceivedJob<T>[] = [];
    for (const m of [...this.messages]) {
      if (jobs.length >= max) break;
      if (m.visibleAt > now) continue;
      m.deliveryCount++;
      if (m.deliveryCount > this.maxDeliveryCount) {
        this.deadLetter(m, 'max deliveries exceeded');
        continue;
      }
      m.lock = this.nextLock++;
      m.visibleAt = now + lockMs;
      jobs.push(this.toJob(m, m.lock, lockMs));
    }
    return jobs;
  }

  private toJob(m: Message, lock: number, lockMs: number): ReceivedJob<T> {
    const { settle, assertOpen } = settleOnce(m.messageId);
    const holding = () => {
      if (!this.messages.includes(m) || m.lock !== lock || m.visibleAt <= Date.now())
        throw new Error(`The lock on job ${m.messageId} was lost: it expired, and the job may be with another receiver.`);
    };
    return {
      body: JSON.parse(m.body) as T,
      messageId: m.messageId,
      deliveryCount: m.deliveryCount,
      complete: () =>
        settle(async () => {
          holding();
          this.remove(m);
        }),
      abandon: (delaySeconds = 0) =>
        settle(async () => {
          holding();
          m.visibleAt = Date.now() + Math.max(0, delaySeconds) * 1000;
          this.wake();
        }),
      defer: (delaySeconds = 0) =>
        settle(async () => {
          holding();
          // The count is of deliveries that were tried: this one was not.
          m.deliveryCount--;
          m.visibleAt = Date.now() + Math.max(0, delaySeconds) * 1000;
          this.wake();
        }),
      renewLock: async () => {
        assertOpen();
        holding();
        m.visibleAt = Date.now() + lockMs;
      },
      deadLetter: (reason: string) =>
        settle(async () => {
          holding();
          this.deadLetter(m, reason);
        }),
    };
  }

  private deadLetter(m: Message, reason: string): void {
    this.remove(m);
    this.deadLettered.push({ messageId: m.messageId, body: JSON.parse(m.body) as T, reason, deliveryCount: m.deliveryCount });
  }

  private remove(m: Message): void {
    this.messages.splice(this.messages.indexOf(m), 1);
  }

  private nextVisibleAt(): number {
    return Math.min(Infinity, ...this.messages.map((m) => m.visibleAt));
  }

  /** Resolves when a job may have become receivable (a send, an abandon, a close) or after `ms`. */
  private changeOrTimeout(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.waiters.add(done);
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The queue is closed.');
  }
}
