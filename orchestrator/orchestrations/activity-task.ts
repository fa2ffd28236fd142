import type { OrchestrationContext, RetryOptions, Task } from 'durable-functions';
import type { ActivityInput, ActivityName } from '../activities/catalog.js';

/**
 * Schedules an activity by its catalogued name, the compiler checking its input against
 * activities/catalog.ts; with `retry`, the SDK retries it on durable timers. The task, for
 * `Task.all`; `callActivity` yields it and types the result.
 */
export function activityTask<N extends ActivityName>(
  context: OrchestrationContext,
  name: N,
  input: ActivityInput<N>,
  retry?: RetryOptions,
): Task {
  return retry ? context.df.callActivityWithRetry(name, retry, input) : context.df.callActivity(name, input);
}
