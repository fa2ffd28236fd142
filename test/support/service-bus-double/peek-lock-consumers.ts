import type { Container, Delivery, EventContext, Receiver, Sender } from 'rhea';
import { settleDelivery, transferOf } from './deliveries.js';
import type { Outcome, QueueEntity } from './queue-entity.js';

// Lock expiry and scheduled messages are found by polling: a test double can afford it.
const PUMP_MS = 20;

type Consumer = { sender: Sender; entity: QueueEntity };

/**
 * The client's peek-lock receivers (our senders): each transfer locks a message and stays
 * unsettled until the client's disposition — accepted (complete), modified/released (abandon),
 * rejected (dead-letter) — which we apply and then settle, or refuse when the lock is gone.
 */
export class PeekLockConsumers {
  private readonly consumers = new Set<Consumer>();
  private readonly locks = new WeakMap<Delivery, { entity: QueueEntity; token: string }>();
  private readonly timer = setInterval(() => this.consumers.forEach((c) => this.pump(c)), PUMP_MS).unref();

  constructor(container: Container) {
    const dispose = (outcome: Outcome) => (context: EventContext) => {
      const lock = this.locks.get(context.delivery!);
      if (lock) settleDelivery(context.delivery!, () => lock.entity.settle(lock.token, outcome));
    };
    container.on('accepted', dispose({ kind: 'complete' }));
    container.on('released', dispose({ kind: 'abandon' }));
    container.on('modified', (context: EventContext) => {
      const state = context.delivery!.remote_state as { undeliverable_here?: boolean } | undefined;
      if (!state?.undeliverable_here) return dispose({ kind: 'abandon' })(context);
      settleDelivery(context.delivery!, () => {
        throw Object.assign(new Error('Defer is not supported by the double.'), { condition: 'amqp:not-implemented' });
      });
    });
    container.on('rejected', (context: EventContext) => {
      const state = context.delivery!.remote_state as { error?: { info?: Record<string, string> } } | undefined;
      const info = state?.error?.info ?? {};
      dispose({ kind: 'deadLetter', reason: info.DeadLetterReason, description: info.DeadLetterErrorDescription })(context);
    });
  }

  add(sender: Sender, entity: QueueEntity): void {
    Object.assign(localAttach(sender), { rcv_settle_mode: sender.rcv_settle_mode ?? 1, snd_settle_mode: 0 });
    answerDrainWithoutCredit(sender);
    const consumer = { sender, entity };
    this.consumers.add(consumer);
    sender.on('sender_close', () => this.consumers.delete(consumer));
    sender.on('sendable', () => this.pump(consumer));
    // The SDK ends every receiveMessages() by draining its credit, and waits for our answer.
    sender.on('sender_draining', () => {
      this.pump(consumer);
      sender.set_drained(true);
    });
  }

  private pump({ sender, entity }: Consumer): void {
    while (sender.is_open() && sender.sendable()) {
      const stored = entity.lockNext();
      if (!stored) return;
      const { message, tag } = transferOf(stored);
      this.locks.set(sender.send(message, tag), { entity, token: stored.lockToken! });
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Our half of the attach, written out after the open event: rhea's typings leave it out. */
export function localAttach(link: Sender | Receiver): Record<string, unknown> {
  return (link as unknown as { local: { attach: Record<string, unknown> } }).local.attach;
}

/**
 * rhea only answers a drain while credit is left; when our last transfer used the credit up
 * before the drain arrived, the SDK would still wait for the drained flow (then close its link).
 */
function answerDrainWithoutCredit(sender: Sender): void {
  const link = sender as unknown as {
    _draining: boolean;
    _drained: boolean;
    credit: number;
    delivery_count: number;
    _get_drain(): boolean;
  };
  link._get_drain = function () {
    if (!this._draining || !this._drained) return false;
    this.delivery_count += this.credit;
    this.credit = 0;
    return true;
  };
}
