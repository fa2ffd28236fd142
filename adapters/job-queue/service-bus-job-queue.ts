import {
  ServiceBusAdministrationClient,
  ServiceBusClient,
  type ServiceBusReceivedMessage,
  type ServiceBusReceiver,
  type ServiceBusSender,
} from '@azure/service-bus';
import { settleOnce } from './settle-once.js';
import type { JobQueue, ReceivedJob } from './job-queue.js';

export interface ServiceBusJobQueueOptions {
  /**
   * Deliveries after which the adapter dead-letters a job on receive. It counts across delayed
   * abandons (which re-send the job), so the entity's own MaxDeliveryCount should be at least this.
   */
  maxDeliveryCount?: number;
  /** A client (or connection string) with Manage rights, for depth(); without one depth() is -1. */
  administration?: ServiceBusAdministrationClient | string;
}

// A delayed abandon or a defer re-sends the job (see toJob below); these carry what the copy must not lose.
const JOB_ID = 'newsdesk-job-message-id';
const PRIOR_DELIVERIES = 'newsdesk-prior-deliveries';
/** Deferrals so far: each copy needs a messageId of its own, and a deferral leaves the delivery count as it was. */
const DEFERRALS = 'newsdesk-deferrals';
/** "No wait" still needs one round trip for the broker's transfers to arrive. */
const MIN_WAIT_MS = 250;

/**
 * JobQueue on an Azure Service Bus queue, peek-lock. The lock's length is the queue's
 * LockDuration (an entity setting): Service Bus takes no per-receive lock time, so `lockSeconds`
 * is not sent — set LockDuration to what workers ask for, and renew for long jobs.
 */
export class ServiceBusJobQueue<T> implements JobQueue<T> {
  private readonly client: ServiceBusClient;
  private readonly ownsClient: boolean;
  private readonly sender: ServiceBusSender;
  private readonly receiver: ServiceBusReceiver;
  private readonly administration: ServiceBusAdministrationClient | undefined;
  private readonly maxDeliveryCount: number;
  /** The SDK refuses concurrent receiveMessages on one receiver: take turns. */
  private receiving: Promise<unknown> = Promise.resolve();

  constructor(
    client: ServiceBusClient | string,
    private readonly queueName: string,
    options: ServiceBusJobQueueOptions = {},
  ) {
    this.ownsClient = typeof client === 'string';
    this.client = typeof client === 'string' ? new ServiceBusClient(client) : client;
    this.sender = this.client.createSender(queueName);
    // No automatic renewal: a lock that expires must expire, so a crashed worker's job comes back.
    this.receiver = this.client.createReceiver(queueName, { receiveMode: 'peekLock', maxAutoLockRenewalDurationInMs: 0 });
    const admin = options.administration;
    this.administration = typeof admin === 'string' ? new ServiceBusAdministrationClient(admin) : admin;
    this.maxDeliveryCount = options.maxDeliveryCount ?? 5;
  }

  async send(body: T, options: { messageId: string }): Promise<void> {
    // The job's own id as Service Bus's messageId: duplicate detection then drops a re-sent job.
    await this.sender.sendMessages({ body, messageId: options.messageId, contentType: 'application/json' });
  }

  async receive(options: { max: number; lockSeconds: number; waitSeconds?: number }): Promise<ReceivedJob<T>[]> {
    const deadline = Date.now() + (options.waitSeconds ?? 0) * 1000;
    for (;;) {
      const jobs: ReceivedJob<T>[] = [];
      for (const message of await this.receiveTurn(options.max, Math.max(MIN_WAIT_MS, deadline - Date.now()))) {
        const job = this.toJob(message);
        if (job.deliveryCount > this.maxDeliveryCount) await job.deadLetter('max deliveries exceeded');
        else jobs.push(job);
      }
      // Only poison came: keep waiting for real work while the caller's wait lasts.
      if (jobs.length > 0 || Date.now() >= deadline) return jobs;
    }
  }

  private receiveTurn(max: number, maxWaitTimeInMs: number): Promise<ServiceBusReceivedMessage[]> {
    const turn = this.receiving.then(() => this.receiver.receiveMessages(Math.max(1, max), { maxWaitTimeInMs }));
    this.receiving = turn.catch(() => undefined);
    return turn;
  }

  private toJob(message: ServiceBusReceivedMessage): ReceivedJob<T> {
    const props = message.applicationProperties ?? {};
    const messageId = typeof props[JOB_ID] === 'string' ? props[JOB_ID] : String(message.messageId);
    // The SDK reports the AMQP header's count of prior deliveries: 0 the first time.
    const deliveryCount = Number(props[PRIOR_DELIVERIES] ?? 0) + (message.deliveryCount ?? 0) + 1;
    const { settle, assertOpen } = settleOnce(messageId);
    // Service Bus abandons without delay, and every abandon counts towards the entity's MaxDeliveryCount, so: schedule
    // a copy, then complete the original. In that order a failure can duplicate the job (jobs are idempotent) but
    // never lose it. The copy gets its own messageId, or duplicate detection would drop it as a re-send.
    const resend = async (delaySeconds: number, copyId: string, properties: Record<string, number>) => {
      const copy = {
        body: message.body as unknown,
        contentType: message.contentType,
        messageId: copyId,
        applicationProperties: { ...props, [JOB_ID]: messageId, ...properties },
      };
      await this.sender.scheduleMessages(copy, new Date(Date.now() + Math.max(0, delaySeconds) * 1000));
      await this.receiver.completeMessage(message);
    };
    const deferrals = Number(props[DEFERRALS] ?? 0);
    return {
      body: message.body as T,
      messageId,
      deliveryCount,
      complete: () => settle(() => this.receiver.completeMessage(message)),
      abandon: (delaySeconds = 0) =>
        settle(async () => {
          if (delaySeconds <= 0) return this.receiver.abandonMessage(message);
          await resend(delaySeconds, `${messageId}#retry-${deliveryCount}`, { [PRIOR_DELIVERIES]: deliveryCount });
        }),
      // Always a copy, even without a delay: the copy starts at the count this delivery had before it.
      defer: (delaySeconds = 0) =>
        settle(() =>
          resend(delaySeconds, `${messageId}#defer-${deferrals + 1}`, {
            [PRIOR_DELIVERIES]: deliveryCount - 1,
            [DEFERRALS]: deferrals + 1,
          }),
        ),
      renewLock: async () => {
        assertOpen();
        await this.receiver.renewMessageLock(message);
      },
      deadLetter: (reason: string) =>
        settle(() => this.receiver.deadLetterMessage(message, { deadLetterReason: reason, deadLetterErrorDescription: reason })),
    };
  }

  /** activeMessageCount (waiting + locked, not scheduled), or -1 without an administration client. */
  async depth(): Promise<number> {
    if (!this.administration) return -1;
    return (await this.administration.getQueueRuntimeProperties(this.queueName)).activeMessageCount;
  }

  async close(): Promise<void> {
    await this.receiver.close();
    await this.sender.close();
    if (this.ownsClient) await this.client.close();
  }
}
