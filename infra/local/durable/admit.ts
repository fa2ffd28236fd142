import { EventType, scheduledIdOf, type HistoryEvent } from './history.js';
import type { InstanceState } from './instance-state.js';
import type { EpisodePlan } from './episode-plan.js';
import type { InboxMessage } from './store.js';

/** Builds the control events (start, terminate, suspend, resume) and answers into this episode. */
export function admit(state: InstanceState, messages: InboxMessage[], plan: EpisodePlan): HistoryEvent[] {
  const admitted: HistoryEvent[] = [];
  let held: InboxMessage[] = [];
  for (const m of messages) {
    const e = { ...m.event, IsPlayed: false };
    const status = plan.row.status;
    if (e.EventType === EventType.ExecutionTerminated) {
      admitted.push(e);
      plan.consumed.push(m);
      plan.row.status = 'Terminated';
      break;
    } else if (e.EventType === EventType.ExecutionSuspended) {
      if (status === 'Running') {
        plan.row.status = 'Suspended';
        admitted.push(e);
      }
      plan.consumed.push(m);
    } else if (e.EventType === EventType.ExecutionResumed) {
      if (status === 'Suspended') {
        plan.row.status = 'Running';
        admitted.push(e, ...held.map((h) => ({ ...h.event, IsPlayed: false })));
        plan.consumed.push(...held);
        held = [];
      }
      plan.consumed.push(m);
    } else if (status === 'Suspended') {
      held.push(m);
    } else if (e.EventType === EventType.ExecutionStarted) {
      if (state.history.length === 0 && !admitted.some((a) => a.EventType === EventType.ExecutionStarted)) {
        plan.row.status = 'Running';
        admitted.push(e);
        plan.consumed.push(m);
      } else plan.dropped.push(m);
    } else if (e.EventType === EventType.EventRaised) {
      admitted.push(e);
      plan.consumed.push(m);
    } else if (state.isOpen(scheduledIdOf(e)) && !admitted.some((a) => scheduledIdOf(a) === scheduledIdOf(e))) {
      admitted.push(e);
      plan.consumed.push(m);
    } else {
      // An answer to nothing open: a duplicate after an at-least-once retry, or a canceled timer.
      plan.dropped.push(m);
    }
  }
  return admitted;
}
