import type { DeliveryStore } from '../../adapters/delivery-store/delivery-store.js';
import type { RecordDeliveryAttemptInput } from './catalog.js';
import { registerActivity } from './register-activity.js';

/** Records a delivery attempt that deliverWebhook made but could not record; idempotent by delivery id and attempt. */
export function createRecordDeliveryAttempt(deliveries: DeliveryStore) {
  return async ({ submissionId, attempt }: RecordDeliveryAttemptInput): Promise<void> => {
    await deliveries.recordAttempt(submissionId, attempt);
  };
}

export function registerRecordDeliveryAttempt(deliveries: DeliveryStore): void {
  registerActivity('recordDeliveryAttempt', createRecordDeliveryAttempt(deliveries));
}
