import { randomUUID } from 'node:crypto';
import type { Message } from 'rhea';

export interface QueueSettings {
  /** The entity's LockDuration: Service Bus locks for this long, whatever the receiver wants. */
  lockDurationMs: number;
  /** The entity's MaxDeliveryCount: the next delivery attempt after this many dead-letters instead. */
  maxDeliveryCount: number;
  /** 0 = duplicate detection off; otherwise a message_id seen within the window is dropped. */
  duplicateDetectionWindowMs: number;
}

export interface StoredMessage {
  sequenceNumber: number;
  message: Message;
  enqueuedAt: number;
  /** Later than enqueuedAt for scheduled messages. */
  visibleAt: number;
  /** Deliveries so far, this one included; the AMQP header's delivery-count is one less (0 the first time). */
  deliveries: number;
  lockToken?: string;
  lockedUntil: number;
}

export type Outcome = { kind: 'complete' } | { kind: 'abandon' } | { kind: 'deadLetter'; reason?: string; description?: string };

/** What Service Bus answers when a lock token is unknown, expired, or taken over by a later delivery. */
export class LockLostError extends Error {
  readonly condition = 'com.microsoft:message-lock-lost';
  constructor() {
    super('The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.');
  }
}

/** One queue's state, kept apart from AMQP so the rules read like Service Bus's documentation. */
export class QueueEntity {
  private readonly messages = new Map<number, StoredMessage>();
  private readonly byToken = new Map<string, StoredMessage>();
  private readonly seen = new Map<string, number>();
  private nextSequence = 1;
  /** `<queue>/$DeadLetterQueue`: no lock limits or dead-lettering of its own. */
  readonly deadLetters: QueueEntity | undefined;

  constructor(
    readonly name: string,
    readonly settings: QueueSettings,
    isDeadLetterQueue = false,
  ) {
    this.deadLetters = isDeadLetterQueue
      ? undefined
      : new QueueEntity(`${name}/$DeadLetterQueue`, { ...settings, maxDeliveryCount: Infinity, duplicateDetectionWindowMs: 0 }, true);
  }

  /** The sequence number, or undefined when duplicate detection dropped the message (the sender still sees success). */
  enqueue(message: Message, visibleAt = Date.now()): number | undefined {
    const now = Date.now();
    const id = message.message_id === undefined ? undefined : String(message.message_id);
    if (id !== undefined && this.settings.duplicateDetectionWindowMs > 0) {
      const last = this.seen.get(id);
      if (last !== undefined && now - last < this.settings.duplicateDetectionWindowMs) return undefined;
      this.seen.set(id, now);
    }
    const sequenceNumber = this.nextSequence++;
    this.messages.set(sequenceNumber, { sequenceNumber, message, enqueuedAt: now, visibleAt, deliveries: 0, lockedUntil: 0 });
    return sequenceNumber;
  }

  /** Locks the oldest deliverable message for the entity's lock duration. */
  lockNext(): StoredMessage | undefined {
    const now = Date.now();
    for (const stored of this.messages.values()) {
      if (stored.visibleAt > now || stored.lockedUntil > now) continue;
      if (stored.deliveries >= this.settings.maxDeliveryCount) {
        this.moveToDeadLetters(
          stored,
          'MaxDeliveryCountExceeded',
          `Message could not be consumed after ${stored.deliveries} delivery attempts.`,
        );
        continue;
      }
      if (stored.lockToken) this.byToken.delete(stored.lockToken);
      stored.deliveries += 1;
      stored.lockToken = randomUUID();
      stored.lockedUntil = now + this.settings.lockDurationMs;
      this.byToken.set(stored.lockToken, stored);
      return stored;
    }
    return undefined;
  }

  private locked(token: string): StoredMessage {
    const stored = this.byToken.get(token);
    if (!stored || stored.lockToken !== token || stored.lockedUntil <= Date.now()) throw new LockLostError();
    return stored;
  }

  settle(token: string, outcome: Outcome): void {
    const stored = this.locked(token);
    this.byToken.delete(token);
    stored.lockToken = undefined;
    stored.lockedUntil = 0;
    if (outcome.kind === 'complete') this.messages.delete(stored.sequenceNumber);
    if (outcome.kind === 'deadLetter') this.moveToDeadLetters(stored, outcome.reason, outcome.description);
  }

  /** The new locked-until time. */
  renew(token: string): number {
    const stored = this.locked(token);
    stored.lockedUntil = Date.now() + this.settings.lockDurationMs;
    return stored.lockedUntil;
  }

  private moveToDeadLetters(stored: StoredMessage, reason?: string, description?: string): void {
    this.messages.delete(stored.sequenceNumber);
    if (!this.deadLetters) return;
    const { message } = stored;
    const why = Object.fromEntries(
      Object.entries({ DeadLetterReason: reason, DeadLetterErrorDescription: description }).filter(([, v]) => v !== undefined),
    );
    this.deadLetters.enqueue({
      ...message,
      application_properties: { ...message.application_properties, ...why },
      message_annotations: { ...message.message_annotations, 'x-opt-deadletter-source': this.name },
    });
  }

  /** Available or locked, not scheduled: Service Bus's activeMessageCount. */
  get activeMessageCount(): number {
    const now = Date.now();
    return [...this.messages.values()].filter((m) => m.visibleAt <= now).length;
  }

  get scheduledMessageCount(): number {
    return this.messages.size - this.activeMessageCount;
  }
}
