import type { OrchestrationContext, Task } from 'durable-functions';
import type { ActivityInput, ActivityName } from '../activities/catalog.js';

/**
 * Schedules an activity by its catalogued name, the compiler checking its input against activities/catalog.ts.
 * `callActivity` yields it, retries it and types the result.
 */
export function activityTask<N extends ActivityName>(context: OrchestrationContext, name: N, input: ActivityInput<N>): Task {
  return context.df.callActivity(name, input);
}
