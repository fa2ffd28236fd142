import type { OrchestrationContext, Task } from 'durable-functions';
import type { DeliveryResult, PipelineSettings, RetryWindow } from '../../contracts/orchestrations.js';
import type { SubmissionSummary } from '../../contracts/submission-summary.js';
import { nextRetryDelayMs } from '../../lib/resilience/backoff.js';
import { callActivity } from './call-activity.js';

/**
 * Delivers the summary with exponential backoff on durable timers (no thread waits) until it is
 * delivered, the receiver says 410 Gone, or the retry window closes — then dead-letter and escalate.
 * A URL the SSRF guard refuses at delivery time (DNS may have changed since the submission) is not
 * retried, and is dead-lettered and escalated too: the client must fix it, and someone must tell them.
 * Each activity is retried on infrastructure faults over `retry` (callActivity), apart from the delivery schedule.
 */
export function* deliverSummary(
  context: OrchestrationContext,
  summary: SubmissionSummary,
  webhookUrl: string,
  deliveryId: string,
  settings: PipelineSettings['delivery'],
  retry: RetryWindow,
  /** The submission's trace context for the delivery activities; replays and cancellations have none. */
  traceparent?: string,
): Generator<Task, DeliveryResult, unknown> {
  const { submissionId } = summary;
  const started = context.df.currentUtcDateTime.getTime();
  for (let attempt = 1; ; attempt++) {
    const { recorded, ...result } = yield* callActivity(
      context,
      'deliverWebhook',
      { submissionId, clientId: summary.clientId, url: webhookUrl, deliveryId, attempt, summary, traceparent },
      retry,
    );
    // Made but not kept (storage went down after the POST): recorded now, without posting again.
    if (!recorded) yield* callActivity(context, 'recordDeliveryAttempt', { submissionId, attempt: result, traceparent }, retry);
    if (result.outcome === 'delivered' || result.outcome === 'gone') return { outcome: result.outcome, attempts: attempt, deliveryId };
    const delay = nextRetryDelayMs(attempt, { firstMs: settings.firstRetryMs, maxMs: settings.maxRetryMs });
    const next = context.df.currentUtcDateTime.getTime() + delay;
    if (result.outcome === 'rejected-url' || next - started > settings.windowMs) {
      const lastError = result.error ?? `HTTP ${result.status ?? '?'}`;
      yield* callActivity(
        context,
        'deadLetterDelivery',
        { submissionId, deliveryId, attempts: attempt, lastError, summary, traceparent },
        retry,
      );
      return { outcome: result.outcome === 'rejected-url' ? 'rejected-url' : 'dead-lettered', attempts: attempt, deliveryId };
    }
    yield context.df.createTimer(new Date(next));
  }
}
