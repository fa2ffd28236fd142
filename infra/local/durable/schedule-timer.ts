import { EventType } from './history.js';
import type { InstanceState } from './instance-state.js';
import type { EpisodePlan, Outgoing } from './episode-plan.js';
import { isoTime } from './time.js';

/** The message that fires a timer: invisible until `fireAt`, stamped no earlier than now. */
function timerFired(state: InstanceState, id: number, fireAt: number, now: number): Outgoing {
  return {
    instanceId: state.row.instanceId,
    visibleAt: fireAt,
    event: {
      EventType: EventType.TimerFired,
      EventId: -1,
      IsPlayed: false,
      Timestamp: isoTime(Math.max(now, fireAt)),
      TimerId: id,
      FireAt: isoTime(fireAt),
    },
  };
}

/** Records TimerCreated and, unless the timer is already cancelled, its TimerFired message. */
export function scheduleTimer(
  state: InstanceState,
  plan: EpisodePlan,
  id: number,
  fireAt: number,
  now: number,
  o: { slot?: number; canceled?: boolean } = {},
): void {
  plan.append.push({
    EventType: EventType.TimerCreated,
    EventId: id,
    IsPlayed: false,
    Timestamp: isoTime(now),
    FireAt: isoTime(fireAt),
    ...(o.slot !== undefined ? { _Slot: o.slot } : {}),
  });
  if (!o.canceled) plan.outgoing.push(timerFired(state, id, fireAt, now));
}
