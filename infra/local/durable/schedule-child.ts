import { serializedInput, type Action } from './actions.js';
import { EventType, executionStarted } from './history.js';
import type { InstanceState } from './instance-state.js';
import type { EpisodePlan } from './episode-plan.js';
import { newInstanceRow } from './store.js';
import { isoTime } from './time.js';

/** The instance id of a sub-orchestration the SDK did not name: derived, so a replay repeats it. */
const childId = (parent: string, seq: number): string => `${parent}:${seq}`;

/** Records SubOrchestrationInstanceCreated and the child instance with its start message. */
export function scheduleChild(state: InstanceState, plan: EpisodePlan, action: Action, id: number, now: number, slot: object): void {
  const instanceId = action.instanceId || childId(state.row.instanceId, id);
  const input = serializedInput(action.input);
  const name = action.functionName ?? '';
  plan.append.push({
    EventType: EventType.SubOrchestrationInstanceCreated,
    EventId: id,
    IsPlayed: false,
    Timestamp: isoTime(now),
    Name: name,
    InstanceId: instanceId,
    Input: input,
    ...slot,
  });
  plan.children.push(newInstanceRow({ instanceId, name, input, now, parentInstanceId: state.row.instanceId, parentTaskId: id }));
  plan.outgoing.push({
    instanceId,
    visibleAt: now,
    event: executionStarted(isoTime(now), name, input, { ParentInstanceId: state.row.instanceId }),
  });
}
