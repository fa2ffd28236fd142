import type { OrchestrationContext, Task } from 'durable-functions';
import type { DeliveryResult, PipelineSettings } from '../../contracts/orchestrations.js';
import type { SubmissionSummary } from '../../contracts/submission-summary.js';
import { nextRetryDelayMs } from '../../lib/resilience/backoff.js';
import { callActivity } from './call-activity.js';

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
    const result = yield* callActivity(context, 'deliverWebhook', {
      submissionId: summary.submissionId,
      clientId: summary.clientId,
      url: webhookUrl,
      deliveryId,
      attempt,
      summary,
      traceparent,
    });
    if (result.outcome === 'delivered' || result.outcome === 'gone' || result.outcome === 'rejected-url') {
      return { outcome: result.outcome, attempts: attempt, deliveryId };
    }
    const delay = nextRetryDelayMs(attempt, { firstMs: settings.firstRetryMs, maxMs: settings.maxRetryMs });
    const next = context.df.currentUtcDateTime.getTime() + delay;
    if (next - started > settings.windowMs) {
      yield* callActivity(context, 'deadLetterDelivery', {
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
