import type { DequeuedMessageItem, QueueClient, QueueServiceClient } from '@azure/storage-queue';
import { queueServiceOf } from '../azure-access/storage-clients.js';
import type { JobWakeups } from '../job-wake/job-wake.js';
import { nextRetryDelayMs } from '../../lib/resilience/backoff.js';
import { settleOnce } from './settle-once.js';
import type { JobQueue, ReceivedJob } from './job-queue.js';
import { decodeEnvelope, encodeEnvelope } from './storage-queue-envelope.js';

export interface StorageQueueJobQueueOptions {
  /** Deliveries after which a job goes to `<queue>-poison` on its next receive (Azure Functions' maxDequeueCount). */
  maxDeliveryCount?: number;
  /**
   * Storage queues have no long polling: a receive with `waitSeconds` polls again after an empty poll, at first after
   * `busyPollIntervalMs`, doubling with each empty poll in a row up to this (the idle interval). A poll that got jobs
   * starts over: a queue that has work is polled at once, an idle one about once per this interval.
   */
  pollIntervalMs?: number;
  busyPollIntervalMs?: number;
  /** Nudges that a job was sent: a waiting receive polls at once instead of at its next interval. */
  wakeups?: JobWakeups;
}

// The service's own limits: 32 messages per receive, visibility in whole seconds.
const MAX_BATCH = 32;
const wholeSeconds = (s: number, min: number) => Math.max(min, Math.ceil(s));

/**
 * JobQueue on Azure Storage queues (Azurite locally). Peek-lock is the visibility timeout: a
 * received message stays invisible for `lockSeconds`, and every update of it returns a new pop
 * receipt, which is what proves we still hold it.
 */
export class StorageQueueJobQueue<T> implements JobQueue<T> {
  readonly queue: QueueClient;
  /** Where dead-lettered jobs go, named as Azure Functions names its poison queues. */
  readonly poison: QueueClient;
  private readonly maxDeliveryCount: number;
  private readonly pollIntervalMs: number;
  private readonly busyPollIntervalMs: number;
  private ready: Promise<unknown> | undefined;
  /** Empty polls in a row: how far the interval has grown. */
  private emptyPolls = 0;
  /** Wakes heard so far: a receive that heard one while it polled polls again rather than wait. */
  private wakes = 0;
  private readonly napping = new Set<() => void>();
  private readonly stopHearing: (() => void) | undefined;

  constructor(service: QueueServiceClient | string, queueName: string, options: StorageQueueJobQueueOptions = {}) {
    // A connection string gets the clients every storage caller gets: per-try timeouts and short retries.
    const client = typeof service === 'string' ? queueServiceOf({ connectionString: service }) : service;
    this.queue = client.getQueueClient(queueName);
    this.poison = client.getQueueClient(`${queueName}-poison`);
    this.maxDeliveryCount = options.maxDeliveryCount ?? 5;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.busyPollIntervalMs = Math.min(options.busyPollIntervalMs ?? 50, this.pollIntervalMs);
    this.stopHearing = options.wakeups?.onWake(() => {
      this.wakes++;
      for (const wake of [...this.napping]) wake();
    });
  }

  private async ensureQueues(): Promise<void> {
    if (!this.ready) {
      this.ready = Promise.all([this.queue.createIfNotExists(), this.poison.createIfNotExists()]);
      this.ready.catch(() => (this.ready = undefined));
    }
    await this.ready;
  }

  async send(body: T, options: { messageId: string }): Promise<void> {
    await this.ensureQueues();
    await this.queue.sendMessage(encodeEnvelope({ messageId: options.messageId, body }));
  }

  async receive(options: { max: number; lockSeconds: number; waitSeconds?: number }): Promise<ReceivedJob<T>[]> {
    await this.ensureQueues();
    const deadline = Date.now() + (options.waitSeconds ?? 0) * 1000;
    const lockSeconds = wholeSeconds(options.lockSeconds, 1);
    for (;;) {
      const wakesBefore = this.wakes;
      const { receivedMessageItems } = await this.queue.receiveMessages({
        numberOfMessages: Math.min(MAX_BATCH, Math.max(1, options.max)),
        visibilityTimeout: lockSeconds,
      });
      const jobs: ReceivedJob<T>[] = [];
      for (const item of receivedMessageItems) {
        const job = await this.toJob(item, lockSeconds);
        if (job) jobs.push(job);
      }
      if (jobs.length > 0) this.emptyPolls = 0;
      const left = deadline - Date.now();
      if (jobs.length > 0 || left <= 0) return jobs;
      // A job sent while this poll was under way may have missed it: look again rather than wait an interval.
      if (this.wakes !== wakesBefore) continue;
      this.emptyPolls++;
      // A wait that ran out ends without another poll: the caller's next receive polls first anyway.
      if (!(await this.nap(Math.min(left, this.idleDelayMs()))) && Date.now() >= deadline) return [];
    }
  }

  private idleDelayMs(): number {
    return nextRetryDelayMs(this.emptyPolls, { firstMs: this.busyPollIntervalMs, factor: 2, maxMs: this.pollIntervalMs });
  }

  /** Sleeps `ms`, or less when a wake comes: true when one did. */
  private nap(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (woken: boolean) => {
        clearTimeout(timer);
        this.napping.delete(wake);
        resolve(woken);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), ms);
      this.napping.add(wake);
    });
  }

  /** The job, or undefined when it was poison and went to the poison queue instead. */
  private async toJob(item: DequeuedMessageItem, lockSeconds: number): Promise<ReceivedJob<T> | undefined> {
    let popReceipt = item.popReceipt;
    // Every update of the message replaces its pop receipt, so two in flight at once would leave one holding a stale
    // receipt: a lock renewal racing a delete would make the delete fail and the job come back. One at a time.
    let latest: Promise<unknown> = Promise.resolve();
    const inTurn = <R>(update: () => Promise<R>): Promise<R> => {
      const next = latest.catch(() => undefined).then(update);
      latest = next;
      return next;
    };
    const once = settleOnce(item.messageId);
    const settle = (action: () => Promise<void>) => once.settle(() => inTurn(action));
    const { assertOpen } = once;
    const envelope = decodeEnvelope<T>(item.messageText);
    const deliveryCount = item.dequeueCount - (envelope?.deferred ?? 0);
    const deadLetter = (reason: string) =>
      settle(async () => {
        await this.poison.sendMessage(encodeEnvelope({ ...(envelope ?? { raw: item.messageText }), reason, deliveryCount }));
        await this.queue.deleteMessage(item.messageId, popReceipt);
      });
    // As the Functions host does with a queue trigger's poison messages: park them, never loop on them.
    if (!envelope) return void (await deadLetter('malformed message'));
    if (deliveryCount > this.maxDeliveryCount) return void (await deadLetter('max deliveries exceeded'));
    return {
      body: envelope.body,
      messageId: envelope.messageId,
      deliveryCount,
      complete: () => settle(async () => void (await this.queue.deleteMessage(item.messageId, popReceipt))),
      abandon: (delaySeconds = 0) =>
        settle(async () => void (await this.queue.updateMessage(item.messageId, popReceipt, undefined, wholeSeconds(delaySeconds, 0)))),
      // The message carries its own count of deferrals: the update that hides it again rewrites its text.
      defer: (delaySeconds = 0) =>
        settle(async () => {
          const text = encodeEnvelope({ ...envelope, deferred: (envelope.deferred ?? 0) + 1 });
          await this.queue.updateMessage(item.messageId, popReceipt, text, wholeSeconds(delaySeconds, 0));
        }),
      renewLock: async () => {
        assertOpen();
        // The old pop receipt stops working once the update succeeds: keep the new one.
        await inTurn(async () => {
          popReceipt = (await this.queue.updateMessage(item.messageId, popReceipt, undefined, lockSeconds)).popReceipt ?? popReceipt;
        });
      },
      deadLetter,
    };
  }

  /** Approximate, as the service reports it: includes jobs that are locked (invisible) right now. */
  async depth(): Promise<number> {
    await this.ensureQueues();
    return (await this.queue.getProperties()).approximateMessagesCount ?? 0;
  }

  async close(): Promise<void> {
    // HTTP clients hold no connection of their own to close; only the wakes are let go.
    this.stopHearing?.();
  }
}
