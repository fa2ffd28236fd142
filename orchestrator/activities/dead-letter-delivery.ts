import type { DeliveryStore } from '../../adapters/delivery-store/delivery-store.js';
import type { EventPublisher } from '../../adapters/event-publisher/event-publisher.js';
import { DELIVERY_ESCALATED } from '../../contracts/analysis.js';
import { deadLetteredEventId } from '../../contracts/ids.js';
import { EVENT_SOURCE } from '../../contracts/submission.js';
import type { DeadLetterDeliveryInput } from './catalog.js';
import { notifyOps } from './notify-ops.js';
import { registerActivity } from './register-activity.js';

/** The retry window closed: keep the summary for a replay, and escalate (Event Grid + ops webhook). */
export function createDeadLetterDelivery(deps: { deliveries: DeliveryStore; events: EventPublisher; opsWebhookUrl?: string }) {
  return async (input: DeadLetterDeliveryInput): Promise<void> => {
    const reason = `not delivered after ${input.attempts} attempts: ${input.lastError}`;
    await deps.deliveries.putDeadLetter(input.submissionId, {
      deliveryId: input.deliveryId,
      body: JSON.stringify(input.summary),
      reason,
      at: new Date().toISOString(),
    });
    const event = {
      id: deadLetteredEventId(input.deliveryId),
      type: DELIVERY_ESCALATED,
      source: EVENT_SOURCE,
      subject: `/submissions/${input.submissionId}/deliveries/${input.deliveryId}`,
      time: new Date(),
      data: {
        submissionId: input.submissionId,
        deliveryId: input.deliveryId,
        reason,
        replayAt: `/api/submissions/${input.submissionId}/deliveries/replay`,
      },
    };
    await deps.events.publish([event]);
    await notifyOps(deps.opsWebhookUrl, event).catch(() => undefined);
  };
}

export function registerDeadLetterDelivery(deps: { deliveries: DeliveryStore; events: EventPublisher; opsWebhookUrl?: string }): void {
  registerActivity('deadLetterDelivery', createDeadLetterDelivery(deps));
}
