import type { DeliveryAttempt, DeliveryStore } from '../../adapters/delivery-store/delivery-store.js';

export interface DeliveryLog {
  attempts: DeliveryAttempt[];
  deadLetter: { deliveryId: string; reason: string; at: string } | null;
}

/** A submission's webhook attempts, oldest first, and its dead letter (without the body): the client's and the desk's log. */
export async function deliveryLog(deliveries: DeliveryStore, submissionId: string): Promise<DeliveryLog> {
  const [attempts, deadLetter] = await Promise.all([deliveries.listAttempts(submissionId), deliveries.getDeadLetter(submissionId)]);
  return { attempts, deadLetter: deadLetter ? { deliveryId: deadLetter.deliveryId, reason: deadLetter.reason, at: deadLetter.at } : null };
}
