import type { DeliveryLog } from '../deliveries/delivery-log.js';

/**
 * The desk's deliveries log: one entry per delivery (the first and each replay), with its latest attempt's outcome,
 * status and latency, and every attempt as the client's deliveries API lists them.
 */
export function deskDeliveries(log: DeliveryLog) {
  const byId = new Map<string, DeliveryLog['attempts']>();
  for (const attempt of log.attempts) byId.set(attempt.deliveryId, [...(byId.get(attempt.deliveryId) ?? []), attempt]);
  return [...byId].map(([deliveryId, attempts]) => {
    const last = attempts[attempts.length - 1]!;
    return {
      deliveryId,
      kind: kindOf(deliveryId),
      status: log.deadLetter?.deliveryId === deliveryId ? ('dead-lettered' as const) : last.outcome,
      attempts: attempts.length,
      httpStatus: last.status ?? null,
      latencyMs: last.latencyMs,
      at: last.at,
      error: last.error ?? null,
      log: attempts,
    };
  });
}

/** When the client first had the result: the end of the first attempt its receiver accepted. */
export function deliveredAt(log: DeliveryLog): string | undefined {
  const first = log.attempts.find((a) => a.outcome === 'delivered');
  return first && new Date(Date.parse(first.at) + first.latencyMs).toISOString();
}

/** Delivery ids end in `.1` (the result), `.cancelled` (the cancellation notice) or a replay's number (contracts/ids.ts). */
const kindOf = (deliveryId: string): 'result' | 'cancelled' | 'replay' =>
  deliveryId.endsWith('.cancelled') ? 'cancelled' : deliveryId.endsWith('.1') ? 'result' : 'replay';
