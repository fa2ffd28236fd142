import type { OrchestrationContext, RetryOptions, Task } from 'durable-functions';
import type { ActivityInput, ActivityName, ActivityOutput } from '../activities/catalog.js';
import { activityTask } from './activity-task.js';

/** `const jobId = yield* callActivity(context, 'enqueueAnalysis', job)`: input and result typed by activities/catalog.ts. */
export function* callActivity<N extends ActivityName>(
  context: OrchestrationContext,
  name: N,
  input: ActivityInput<N>,
): Generator<Task, ActivityOutput<N>, unknown> {
  return (yield activityTask(context, name, input)) as ActivityOutput<N>;
}

/** `callActivity`, retried by the SDK on durable timers; throws once the retries are spent. */
export function* callActivityWithRetry<N extends ActivityName>(
  context: OrchestrationContext,
  name: N,
  retry: RetryOptions,
  input: ActivityInput<N>,
): Generator<Task, ActivityOutput<N>, unknown> {
  return (yield activityTask(context, name, input, retry)) as ActivityOutput<N>;
}
