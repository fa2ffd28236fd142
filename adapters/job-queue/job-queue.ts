/** A message taken from the queue under a lock (peek-lock); exactly one of complete/abandon/deadLetter ends it. */
export interface ReceivedJob<T> {
  body: T;
  messageId: string;
  /** 1 on the first delivery; more after a lock expired or the job was abandoned. Deferred deliveries do not count. */
  deliveryCount: number;
  complete(): Promise<void>;
  /** Gives the job back for another delivery, after `delaySeconds` when the technology allows. */
  abandon(delaySeconds?: number): Promise<void>;
  /**
   * Gives the job back, after `delaySeconds`, without spending its delivery budget: this delivery does not count
   * towards `deliveryCount` or the queue's dead-lettering. For a job that was not tried on its merits (a dependency is
   * down), never for one that failed.
   */
  defer(delaySeconds?: number): Promise<void>;
  /** Keeps the lock while a long job (a video) is still being worked on. */
  renewLock(): Promise<void>;
  deadLetter(reason: string): Promise<void>;
}

/**
 * The port for the work queue. Adapters: StorageQueueJobQueue (Azure Storage queues — Azurite
 * locally), ServiceBusJobQueue (Azure Service Bus) and InMemoryJobQueue (unit tests). All pass
 * job-queue.contract.ts.
 */
export interface JobQueue<T> {
  /** `messageId` is derived from the job (submissionId/fileId), so a re-send is recognisable. */
  send(body: T, options: { messageId: string }): Promise<void>;
  /** Up to `max` jobs, each locked for `lockSeconds`; waits at most `waitSeconds` when the queue is empty. */
  receive(options: { max: number; lockSeconds: number; waitSeconds?: number }): Promise<ReceivedJob<T>[]>;
  /** Approximate number of jobs waiting (for scaling workers on backlog). */
  depth(): Promise<number>;
  close(): Promise<void>;
}
