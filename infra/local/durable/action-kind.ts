import { ActionType, type Action } from './actions.js';
import { EventType } from './history.js';

/** The history event type an action is recorded as when it is scheduled. */
export function kindOf(action: Action): number {
  switch (action.actionType) {
    case ActionType.CreateTimer:
      return EventType.TimerCreated;
    case ActionType.CallSubOrchestrator:
    case ActionType.CallSubOrchestratorWithRetry:
      return EventType.SubOrchestrationInstanceCreated;
    default:
      return EventType.TaskScheduled;
  }
}

/** The name history records for an action: built-in HTTP calls run as an activity of their own. */
export const nameOf = (action: Action): string | undefined =>
  action.actionType === ActionType.CallHttp ? 'BuiltIn::HttpActivity' : action.functionName;
