import * as df from 'durable-functions';
import type { FunctionInput, InvocationContext } from '@azure/functions';
import type { ActivityInput, ActivityName, ActivityOutput } from './catalog.js';
import { tracedActivity } from './traced-activity.js';

/** Registers an activity under its catalogued name, traced; the compiler checks the handler against catalog.ts. */
export function registerActivity<N extends ActivityName>(
  name: N,
  handler: (input: ActivityInput<N>, context: InvocationContext) => Promise<ActivityOutput<N>>,
  extraInputs?: FunctionInput[],
): void {
  df.app.activity(name, { ...(extraInputs ? { extraInputs } : {}), handler: tracedActivity(name, handler) });
}
