import { randomUUID } from 'node:crypto';
import type { EpisodePlan } from './episode-plan.js';
import { EventType, executionStarted, startMessage, type HistoryEvent } from './history.js';
import type { InstanceState } from './instance-state.js';
import { isTerminal } from './instance-status.js';
import type { ActivityItem, DurableStore, InboxMessage } from './store.js';
import { isoTime } from './time.js';

/** What a committed plan leaves the engine to do in memory: messages to track, activities to run. */
export interface CommittedPlan {
  sent: InboxMessage[];
  queued: ActivityItem[];
}

export interface CommitClock {
  /** The engine's non-decreasing clock. */
  now(): number;
  /** The inbox id of a pending TimerFired message of this instance, to delete it with the timer. */
  timerMessage(timerId: number): number | undefined;
}

/**
 * Writes everything one episode changed, inside the caller's transaction (see GroupCommit): consumed
 * messages out, history in (or cleared on continue-as-new), the instance row, child instances,
 * messages sent and activities scheduled. A crash leaves either all of it or none.
 */
export function commitPlan(store: DurableStore, state: InstanceState, plan: EpisodePlan, clock: CommitClock): CommittedPlan {
  const id = state.row.instanceId;
  const sent: InboxMessage[] = [];
  const queued: ActivityItem[] = [];
  for (const m of plan.consumed) settleMessage(store, m);
  for (const m of plan.dropped) settleMessage(store, m);
  for (const timerId of plan.canceledTimers) {
    const mid = clock.timerMessage(timerId);
    if (mid !== undefined) store.dequeue(mid);
  }
  if (plan.continueAsNew) {
    plan.row.executionId = randomUUID();
    plan.row.input = plan.continueAsNew.input;
    store.clearHistory(id);
  } else {
    store.appendHistory(
      id,
      state.history.length,
      plan.append.map((e) => ({ ...e, IsPlayed: true })),
    );
  }
  store.putInstance(plan.row);
  const rejected = new Set<string>();
  for (const child of plan.children) {
    const existing = store.getInstance(child.instanceId);
    if (existing && !isTerminal(existing.status)) {
      // As DTFx: a sub-orchestration id that is still in use fails the call, not the other instance.
      rejected.add(child.instanceId);
      const reason = `An orchestration instance with the ID '${child.instanceId}' is already ${existing.status}.`;
      const event: HistoryEvent = {
        EventType: EventType.SubOrchestrationInstanceFailed,
        EventId: -1,
        IsPlayed: false,
        Timestamp: isoTime(clock.now()),
        TaskScheduledId: child.parentTaskId ?? -1,
        Reason: reason,
        Details: reason,
        _Execution: plan.row.executionId,
      };
      const visibleAt = Date.now();
      sent.push({ id: store.enqueue(id, visibleAt, event), instanceId: id, visibleAt, event });
      continue;
    }
    store.clearHistory(child.instanceId);
    store.putInstance(child);
  }
  for (const o of plan.outgoing) {
    if (o.event.EventType === EventType.ExecutionStarted) {
      const child = plan.children.find((c) => c.instanceId === o.instanceId);
      // A child's start is its Pending row, written above; only one that was not created is skipped.
      if (child && !rejected.has(o.instanceId)) sent.push(startMessage(child));
      continue;
    }
    const target = o.instanceId === id ? plan.row.executionId : plan.children.find((c) => c.instanceId === o.instanceId)?.executionId;
    const event = target ? { ...o.event, _Execution: target } : o.event;
    sent.push({ id: store.enqueue(o.instanceId, o.visibleAt, event), instanceId: o.instanceId, visibleAt: o.visibleAt, event });
  }
  if (plan.continueAsNew) {
    const event = executionStarted(isoTime(clock.now()), plan.row.name, plan.continueAsNew.input, { _Execution: plan.row.executionId });
    sent.push({ id: store.enqueue(id, 0, event), instanceId: id, visibleAt: 0, event });
  }
  for (const a of plan.activities) {
    const item = { instanceId: id, executionId: plan.row.executionId, taskId: a.taskId, name: a.name, input: a.input };
    queued.push({ id: store.addActivity(item), ...item });
  }
  return { sent, queued };
}

/**
 * Removes a message the episode consumed or dropped. An activity's answer that was delivered in
 * memory was never inserted: its activity row stood for it until now, so that row goes instead.
 * A start made from a Pending row has nothing to remove: the episode's row update ends Pending.
 */
export function settleMessage(store: DurableStore, m: InboxMessage): void {
  if (m.activityId !== undefined) store.removeActivity(m.activityId);
  else if (!m.fromRow) store.dequeue(m.id);
}

/** Makes an in-memory activity answer durable where it waits longer than one episode (a suspended instance). */
export function persistAnswer(store: DurableStore, m: InboxMessage): void {
  if (m.activityId === undefined) return;
  store.removeActivity(m.activityId);
  m.id = store.enqueue(m.instanceId, m.visibleAt, m.event);
  delete m.activityId;
}
