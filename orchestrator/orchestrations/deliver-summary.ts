import type { OrchestrationContext, Task } from 'durable-functions';
import type { SubmissionSummary } from '../../contracts/webhook.js';
import { DELIVER_WEBHOOK, type DeliverWebhookInput } from '../activities/deliver-webhook-activity.js';
import { DEAD_LETTER_DELIVERY } from '../activities/dead-letter-delivery.js';
import type { DeliveryAttempt } from '../../adapters/delivery-store/delivery-store.js';
import { nextRetryDelayMs } from '../../lib/resilience/backoff.js';
import type { PipelineSettings } from './pipeline-settings.js';

export type DeliveryResult = { outcome: 'delivered' | 'gone' | 'dead-lettered' | 'rejected-url'; attempts: number; deliveryId: string };

/**
 * Delivers the summary with exponential backoff on durable timers (no thread waits) until it is
 * delivered, the receiver says 410 Gone, or the retry window closes — then dead-letter and escalate.
 */
export function* deliverSummary(
  context: OrchestrationContext,
  summary: SubmissionSummary,
  webhookUrl: string,
  deliveryId: string,
  settings: PipelineSettings['delivery'],
  /** The submission's trace context for the delivery activities; replays and cancellations have none. */
  traceparent?: string,
): Generator<Task, DeliveryResult, unknown> {
  const started = context.df.currentUtcDateTime.getTime();
  for (let attempt = 1; ; attempt++) {
    const request: DeliverWebhookInput = {
      submissionId: summary.submissionId,
      clientId: summary.clientId,
      url: webhookUrl,
      deliveryId,
      attempt,
      summary,
      traceparent,
    };
    const result = (yield context.df.callActivity(DELIVER_WEBHOOK, request)) as DeliveryAttempt;
    if (result.outcome === 'delivered' || result.outcome === 'gone' || result.outcome === 'rejected-url') {
      return { outcome: result.outcome, attempts: attempt, deliveryId };
    }
    const delay = nextRetryDelayMs(attempt, { firstMs: settings.firstRetryMs, maxMs: settings.maxRetryMs });
    const next = context.df.currentUtcDateTime.getTime() + delay;
    if (next - started > settings.windowMs) {
      yield context.df.callActivity(DEAD_LETTER_DELIVERY, {
        submissionId: summary.submissionId,
        deliveryId,
        attempts: attempt,
        lastError: result.error ?? `HTTP ${result.status ?? '?'}`,
        summary,
        traceparent,
      });
      return { outcome: 'dead-lettered', attempts: attempt, deliveryId };
    }
    yield context.df.createTimer(new Date(next));
  }
}
