import { ActionType, isEntityAction, serializedInput, type Action } from './actions.js';
import { kindOf, nameOf } from './action-kind.js';
import { EventType } from './history.js';
import type { InstanceState } from './instance-state.js';
import type { EpisodePlan, EpisodeSettings } from './episode-plan.js';
import { scheduleChild } from './schedule-child.js';
import { scheduleTimer } from './schedule-timer.js';
import { isoTime } from './time.js';

/** Records every action the orchestrator scheduled beyond what history already has, in sequence order. */
export function scheduleNew(
  state: InstanceState,
  flat: Action[],
  plan: EpisodePlan,
  now: number,
  settings: EpisodeSettings,
): { message: string; details: string } | undefined {
  let seq = state.nextSeq;
  for (const action of flat.slice(state.primaries.length)) {
    if (isEntityAction(action)) {
      return { message: 'Durable entities are not supported by the local host.', details: 'NotSupportedException' };
    }
    const id = seq++;
    const ts = isoTime(now);
    const retried = action.actionType === ActionType.CallActivityWithRetry || action.actionType === ActionType.CallSubOrchestratorWithRetry;
    const slot = retried ? { _Slot: id, _Attempt: 1 } : {};
    if (action.actionType === ActionType.CreateTimer) {
      const finalAt = Date.parse(action.fireAt ?? ts);
      const long = finalAt - now > settings.maximumShortTimerMs;
      const fireAt = long ? now + settings.longTimerIntervalMs : finalAt;
      scheduleTimer(state, plan, id, fireAt, now, { slot: long ? id : undefined, canceled: action.isCanceled });
    } else if (kindOf(action) === EventType.SubOrchestrationInstanceCreated) {
      scheduleChild(state, plan, action, id, now, slot);
    } else {
      const input = action.actionType === ActionType.CallHttp ? JSON.stringify(action.httpRequest ?? null) : serializedInput(action.input);
      const name = nameOf(action) ?? '';
      plan.append.push({
        EventType: EventType.TaskScheduled,
        EventId: id,
        IsPlayed: false,
        Timestamp: ts,
        Name: name,
        Input: input,
        ...slot,
      });
      plan.activities.push({ taskId: id, name, input });
    }
  }
  state.nextSeq = seq;
  return undefined;
}
