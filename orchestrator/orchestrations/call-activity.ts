import type { OrchestrationContext, Task } from 'durable-functions';
import type { RetryWindow } from '../../contracts/orchestrations.js';
import { nextRetryDelayMs } from '../../lib/resilience/backoff.js';
import type { ActivityInput, ActivityName, ActivityOutput } from '../activities/catalog.js';
import { activityTask } from './activity-task.js';
import { isNonRetryable } from './is-non-retryable.js';

/**
 * `const jobId = yield* callActivity(context, 'enqueueAnalysis', job, retry)`: input and result typed by
 * activities/catalog.ts. Every activity touches infrastructure (storage, the queue, Event Grid), and an outage must
 * not fail the orchestration: a failed call is tried again after the one backoff, on a durable timer (no thread
 * waits, nothing is billed), for as long as the next try falls within `retry.windowMs`. A `NonRetryableError`, or a
 * failure once the window has closed, is thrown. The loop is ours rather than the SDK's `callActivityWithRetry`,
 * which cannot tell a permanent failure from a transient one.
 */
export function* callActivity<N extends ActivityName>(
  context: OrchestrationContext,
  name: N,
  input: ActivityInput<N>,
  retry: RetryWindow,
): Generator<Task, ActivityOutput<N>, unknown> {
  const started = context.df.currentUtcDateTime.getTime();
  for (let attempt = 1; ; attempt++) {
    try {
      return (yield activityTask(context, name, input)) as ActivityOutput<N>;
    } catch (error) {
      if (isNonRetryable(error)) throw error;
      const next =
        context.df.currentUtcDateTime.getTime() + nextRetryDelayMs(attempt, { firstMs: retry.firstRetryMs, maxMs: retry.maxRetryMs });
      if (next - started > retry.windowMs) throw error;
      yield context.df.createTimer(new Date(next));
    }
  }
}
