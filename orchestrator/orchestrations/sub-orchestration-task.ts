import type { OrchestrationContext, Task } from 'durable-functions';
import type { OrchestrationName, Orchestrations } from '../../contracts/orchestrations.js';

/** Schedules a sub-orchestration by name, the compiler checking its input; the instance id comes from contracts/ids.ts. */
export function subOrchestrationTask<N extends OrchestrationName>(
  context: OrchestrationContext,
  name: N,
  input: Orchestrations[N]['input'],
  instanceId: string,
): Task {
  return context.df.callSubOrchestrator(name, input, instanceId);
}
