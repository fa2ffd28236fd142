import { ActionType, type Action } from './actions.js';
import type { InstanceState } from './instance-state.js';
import type { EpisodePlan } from './episode-plan.js';

/** Cancelled timers (the loser of a race) and their long-timer legs: their TimerFired messages are dropped. */
export function cancelTimers(state: InstanceState, flat: Action[], plan: EpisodePlan): void {
  flat.forEach((action, index) => {
    if (action.actionType !== ActionType.CreateTimer || !action.isCanceled) return;
    const primary = state.primaries[index];
    if (!primary) return;
    plan.canceledTimers.push(primary.id);
    for (const [id, slot] of state.slotOf) if (slot === primary.id && id !== primary.id) plan.canceledTimers.push(id);
  });
}
