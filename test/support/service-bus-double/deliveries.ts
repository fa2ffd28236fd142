import rhea, { type Delivery, type Message } from 'rhea';
import type { StoredMessage } from './queue-entity.js';

// rhea builds outcomes at runtime; its typings do not list the constructors.
type Described = { described(): unknown };
const outcomes = rhea.message as unknown as {
  accepted(): Described;
  rejected(fields: { error?: { condition: string; description: string } }): Described;
};

/** .NET writes a Guid's first three groups little-endian; Service Bus lock tokens travel as delivery tags in that order. */
export function dotnetGuidBytes(uuid: string): Buffer {
  const b = rhea.string_to_uuid(uuid);
  return Buffer.from([b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...b.subarray(8)]);
}

/**
 * The transfer for a locked message: the stored message plus what Service Bus adds — the header's
 * delivery-count (prior deliveries, 0 the first time) and the x-opt annotations the SDK reads.
 */
export function transferOf(stored: StoredMessage): { message: Message; tag: Buffer } {
  const token = stored.lockToken!;
  const message = {
    ...stored.message,
    delivery_count: stored.deliveries - 1,
    message_annotations: {
      ...stored.message.message_annotations,
      'x-opt-lock-token': rhea.types.wrap_uuid(rhea.string_to_uuid(token)),
      'x-opt-sequence-number': rhea.types.wrap_long(stored.sequenceNumber),
      'x-opt-enqueued-time': new Date(stored.enqueuedAt),
      'x-opt-locked-until': new Date(stored.lockedUntil),
    },
  } as Message;
  return { message, tag: dotnetGuidBytes(token) };
}

/**
 * Settles a peek-lock delivery the way Service Bus does in receive mode "second": apply the
 * client's outcome, then settle with it — or with a rejected outcome carrying the error (lock
 * lost), which the SDK turns into a ServiceBusError.
 */
export function settleDelivery(delivery: Delivery, apply: () => void): void {
  try {
    apply();
    // Echo the outcome, minus a rejection's error: the SDK reads any error in our settlement as a failure.
    const state = delivery.remote_state as (Partial<Described> & { error?: unknown }) | undefined;
    const echo = state?.error ? outcomes.rejected({}) : state?.described ? (state as Described) : outcomes.accepted();
    delivery.update(true, echo.described());
  } catch (error) {
    const { condition = 'amqp:internal-error', message } = error as Error & { condition?: string };
    delivery.update(true, outcomes.rejected({ error: { condition, description: message } }).described());
  }
}
