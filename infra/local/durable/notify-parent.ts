import { EventType, type HistoryEvent } from './history.js';
import type { InstanceState } from './instance-state.js';
import { executionEvent, type EpisodePlan } from './episode-plan.js';

/** Answers the parent of a sub-orchestration that just finished, completed or failed. */
export function notifyParent(
  state: InstanceState,
  plan: EpisodePlan,
  now: number,
  outcome: { result?: string | null; failed?: string; details?: string },
): void {
  const parent = state.row.parentInstanceId;
  const taskId = state.row.parentTaskId;
  if (!parent || taskId === null) return;
  const event: HistoryEvent =
    outcome.failed === undefined
      ? { ...executionEvent(EventType.SubOrchestrationInstanceCompleted, now, {}), TaskScheduledId: taskId, Result: outcome.result ?? null }
      : {
          ...executionEvent(EventType.SubOrchestrationInstanceFailed, now, {}),
          TaskScheduledId: taskId,
          Reason: outcome.failed,
          Details: outcome.details ?? '',
        };
  plan.outgoing.push({ instanceId: parent, visibleAt: now, event });
}
