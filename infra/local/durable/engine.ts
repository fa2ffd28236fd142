import { randomUUID } from 'node:crypto';
import { EventType, executionStarted, scheduledIdOf, type HistoryEvent } from './history.js';
import { InstanceState } from './instance-state.js';
import { MessageQueue } from './message-queue.js';
import { isTerminal, planEpisode, type EpisodePlan, type EpisodeSettings } from './episode.js';
import { newInstanceRow, type ActivityItem, type DurableStore, type InboxMessage, type InstanceRow } from './store.js';
import type { Logger } from '../host/types.js';
import { DurableApiError } from './errors.js';
import type { OrchestratorOutcome } from './orchestrator-outcome.js';

export interface EngineOptions {
  store: DurableStore;
  runOrchestrator(name: string, triggerInput: unknown): Promise<OrchestratorOutcome>;
  /** Runs an activity with its input as recorded in history (JSON text, or null for none). */
  runActivity(name: string, inputJson: string | null): Promise<unknown>;
  isOrchestrator(name: string): boolean;
  maxConcurrentOrchestrations: number;
  maxConcurrentActivities: number;
  maximumShortTimerMs: number;
  longTimerIntervalMs: number;
  logger: Logger;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** .NET TimeSpan text (`d.hh:mm:ss.fff`), the format the SDK's duration settings arrive in. */
export function toTimeSpan(ms: number): string {
  const d = Math.floor(ms / 86_400_000);
  const rest = new Date(ms % 86_400_000).toISOString().slice(11, 23);
  return `${d}.${rest}`;
}

/**
 * The local Durable Task backend: dispatches orchestration episodes and activities, keeps every
 * effect of an episode in one SQLite transaction, and resumes in-flight work after a crash.
 */
export class DurableEngine {
  private readonly cache = new Map<string, InstanceState>();
  private readonly ready = new Set<string>();
  private readonly running = new Set<string>();
  private readonly activities: ActivityItem[] = [];
  private readonly timerMessages = new Map<string, number>();
  private activeActivities = 0;
  private stopped = false;
  private lastNow = 0;
  private pumpScheduled = false;
  private readonly queue = new MessageQueue((id, m) => this.markReady(id, m));
  /** Suspended instances holding messages: only a resume or terminate wakes them. */
  private readonly parked = new Set<string>();
  private readonly settings: EpisodeSettings;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly o: EngineOptions) {
    this.settings = {
      maximumShortTimerMs: o.maximumShortTimerMs,
      longTimerIntervalMs: o.longTimerIntervalMs,
      runOrchestrator: o.runOrchestrator,
      toTimeSpan,
    };
  }

  /** Loads what the last run left pending — messages, timers, activities — and starts dispatching. */
  start(): void {
    for (const m of this.o.store.pendingMessages()) this.track(m);
    for (const a of this.o.store.pendingActivities()) this.activities.push(a);
    this.pump();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.close();
    while (this.running.size > 0 || this.activeActivities > 0) await new Promise((r) => setTimeout(r, 10));
  }

  // ---- client operations (the Durable HTTP API and DurableClient call these) ----

  startNew(name: string, instanceId: string | undefined, input: string | null): InstanceRow {
    if (!this.o.isOrchestrator(name)) {
      throw new DurableApiError(400, `The function '${name}' doesn't exist, is disabled, or is not an orchestrator function.`);
    }
    const id = instanceId ?? randomUUID().replace(/-/g, '');
    const now = this.now();
    const existing = this.o.store.getInstance(id);
    if (existing && !isTerminal(existing.status)) {
      throw new DurableApiError(400, `An Orchestration instance with the status ${existing.status} already exists.`);
    }
    const row = newInstanceRow({ instanceId: id, name, input, now, parentInstanceId: null, parentTaskId: null });
    const event = executionStarted(iso(now), name, input, { _Execution: row.executionId });
    const messageId = this.o.store.transaction(() => {
      this.o.store.clearHistory(id);
      this.o.store.clearInbox(id);
      this.o.store.putInstance(row);
      return this.o.store.enqueue(id, now, event);
    });
    this.cache.delete(id);
    this.queue.drop(id);
    this.track({ id: messageId, instanceId: id, visibleAt: now, event });
    return row;
  }

  getInstance(instanceId: string): InstanceRow | undefined {
    return this.o.store.getInstance(instanceId);
  }

  query(filter: { createdFrom?: string; createdTo?: string; statuses?: string[]; top: number; skip: number }): InstanceRow[] {
    return this.o.store.query(filter);
  }

  history(instanceId: string): HistoryEvent[] {
    return this.o.store.history(instanceId);
  }

  raiseEvent(instanceId: string, name: string, data: string | null): void {
    this.control(instanceId, { EventType: EventType.EventRaised, Name: name, Input: data });
  }

  terminate(instanceId: string, reason: string | null): void {
    this.control(instanceId, { EventType: EventType.ExecutionTerminated, Input: reason === null ? null : JSON.stringify(reason) });
  }

  suspend(instanceId: string, reason: string | null): void {
    this.control(instanceId, { EventType: EventType.ExecutionSuspended, Reason: reason ?? '' });
  }

  resume(instanceId: string, reason: string | null): void {
    this.control(instanceId, { EventType: EventType.ExecutionResumed, Reason: reason ?? '' });
  }

  purge(instanceId: string): boolean {
    const row = this.o.store.getInstance(instanceId);
    if (!row) return false;
    if (!isTerminal(row.status))
      throw new DurableApiError(400, `Instance '${instanceId}' is ${row.status}; only finished instances can be purged.`);
    this.cache.delete(instanceId);
    return this.o.store.deleteInstance(instanceId);
  }

  /** Resolves when no work is queued, running or due (timers in the future do not count). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.ready.size === 0 && this.running.size === 0 && this.activities.length === 0 && this.activeActivities === 0;
  }

  /** A message from outside the orchestration: 404 for an unknown instance, 410 for a finished one. */
  private control(instanceId: string, fields: Partial<HistoryEvent> & { EventType: number }): void {
    const row = this.o.store.getInstance(instanceId);
    if (!row) throw new DurableApiError(404, `No instance with ID '${instanceId}' found.`);
    if (isTerminal(row.status)) {
      throw new DurableApiError(410, `The instance '${instanceId}' is ${row.status} and can no longer receive this request.`);
    }
    const now = this.now();
    const event: HistoryEvent = { EventId: -1, IsPlayed: false, Timestamp: iso(now), ...fields, _Execution: row.executionId };
    const id = this.o.store.enqueue(instanceId, now, event);
    this.track({ id, instanceId, visibleAt: now, event });
  }

  // ---- dispatch ----

  private now(): number {
    // Non-decreasing, never ahead of the wall clock: message visibility compares against Date.now().
    this.lastNow = Math.max(Date.now(), this.lastNow);
    return this.lastNow;
  }

  private track(m: InboxMessage): void {
    if (m.event.EventType === EventType.TimerFired && m.event.TimerId !== undefined) {
      this.timerMessages.set(`${m.instanceId}\n${m.event.TimerId}`, m.id);
    }
    this.queue.add(m);
  }

  private markReady(instanceId: string, m: InboxMessage): void {
    if (this.parked.has(instanceId)) {
      const wakes = m.event.EventType === EventType.ExecutionResumed || m.event.EventType === EventType.ExecutionTerminated;
      if (!wakes) return;
      this.parked.delete(instanceId);
    }
    if (!this.running.has(instanceId)) this.ready.add(instanceId);
    this.pump();
  }

  private pump(): void {
    if (this.pumpScheduled || this.stopped) return;
    this.pumpScheduled = true;
    // Deferred so every message that arrives in the same turn joins one episode.
    setImmediate(() => {
      this.pumpScheduled = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    if (this.stopped) return;
    for (const id of this.ready) {
      if (this.running.size >= this.o.maxConcurrentOrchestrations) break;
      this.ready.delete(id);
      this.running.add(id);
      void this.episode(id).finally(() => {
        this.running.delete(id);
        if (this.queue.has(id) && !this.parked.has(id)) this.ready.add(id);
        this.pump();
        this.checkIdle();
      });
    }
    while (this.activities.length > 0 && this.activeActivities < this.o.maxConcurrentActivities) {
      const item = this.activities.shift()!;
      this.activeActivities++;
      void this.activity(item).finally(() => {
        this.activeActivities--;
        this.pump();
        this.checkIdle();
      });
    }
  }

  private checkIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private load(instanceId: string): InstanceState | undefined {
    let state = this.cache.get(instanceId);
    if (!state) {
      const row = this.o.store.getInstance(instanceId);
      if (!row) return undefined;
      state = new InstanceState(row, this.o.store.history(instanceId));
      this.cache.set(instanceId, state);
    }
    return state;
  }

  private async episode(instanceId: string): Promise<void> {
    const state = this.load(instanceId);
    const batch = this.queue.take(instanceId, (m) => {
      const id = scheduledIdOf(m.event);
      return id !== undefined && state !== undefined && state.slotOf.has(id);
    });
    if (!state) {
      this.o.logger.warn('message for an unknown instance dropped', { instanceId });
      this.o.store.transaction(() => batch.forEach((m) => this.o.store.dequeue(m.id)));
      return;
    }
    const current = batch.filter((m) => !m.event._Execution || m.event._Execution === state.row.executionId);
    const stale = batch.filter((m) => !current.includes(m));
    try {
      const plan = await planEpisode(state, current, this.now(), this.settings);
      plan.dropped.push(...stale);
      this.commit(state, plan);
      const held = current.filter((m) => !plan.consumed.includes(m) && !plan.dropped.includes(m));
      if (held.length > 0) {
        this.queue.putBack(instanceId, held);
        if (plan.row.status === 'Suspended') this.parked.add(instanceId);
      }
    } catch (error) {
      // A host fault, not an orchestrator failure: forget the cached state and retry the batch.
      this.cache.delete(instanceId);
      this.queue.putBack(instanceId, batch);
      this.o.logger.error('episode failed; will retry', { instanceId, error: String(error) });
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  private commit(state: InstanceState, plan: EpisodePlan): void {
    const store = this.o.store;
    const id = state.row.instanceId;
    const sent: InboxMessage[] = [];
    const queued: ActivityItem[] = [];
    store.transaction(() => {
      for (const m of [...plan.consumed, ...plan.dropped]) store.dequeue(m.id);
      for (const timerId of plan.canceledTimers) {
        const mid = this.timerMessages.get(`${id}\n${timerId}`);
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
            Timestamp: iso(this.now()),
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
        if (rejected.has(o.instanceId) && o.event.EventType === EventType.ExecutionStarted) continue;
        const target = o.instanceId === id ? plan.row.executionId : plan.children.find((c) => c.instanceId === o.instanceId)?.executionId;
        const event = target ? { ...o.event, _Execution: target } : o.event;
        sent.push({ id: store.enqueue(o.instanceId, o.visibleAt, event), instanceId: o.instanceId, visibleAt: o.visibleAt, event });
      }
      if (plan.continueAsNew) {
        const event = executionStarted(iso(this.now()), plan.row.name, plan.continueAsNew.input, { _Execution: plan.row.executionId });
        sent.push({ id: store.enqueue(id, 0, event), instanceId: id, visibleAt: 0, event });
      }
      for (const a of plan.activities) {
        const item = { instanceId: id, executionId: plan.row.executionId, taskId: a.taskId, name: a.name, input: a.input };
        queued.push({ id: store.addActivity(item), ...item });
      }
    });
    for (const timerId of plan.canceledTimers) {
      const key = `${id}\n${timerId}`;
      const mid = this.timerMessages.get(key);
      if (mid === undefined) continue;
      this.queue.cancel(mid);
      this.timerMessages.delete(key);
    }
    if (plan.continueAsNew) {
      this.cache.delete(id);
      plan.row.status = 'Running';
    } else {
      state.row = plan.row;
      state.append(plan.append.map((e) => ({ ...e, IsPlayed: true })));
    }
    if (isTerminal(plan.row.status)) this.cache.delete(id);
    for (const m of sent) this.track(m);
    this.activities.push(...queued);
  }

  private async activity(item: ActivityItem): Promise<void> {
    let event: HistoryEvent;
    const now = (): string => iso(this.now());
    try {
      const result = await this.o.runActivity(item.name, item.input);
      event = {
        EventType: EventType.TaskCompleted,
        EventId: -1,
        IsPlayed: false,
        Timestamp: now(),
        TaskScheduledId: item.taskId,
        Result: result === undefined ? null : JSON.stringify(result),
      };
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      event = {
        EventType: EventType.TaskFailed,
        EventId: -1,
        IsPlayed: false,
        Timestamp: now(),
        TaskScheduledId: item.taskId,
        Reason: `Activity function '${item.name}' failed: ${err.message}`,
        Details: err.stack ?? '',
        FailureDetails: {
          ErrorType: err.name,
          ErrorMessage: err.message,
          StackTrace: err.stack ?? null,
          IsNonRetriable: false,
          InnerFailure: null,
        },
      };
    }
    event._Execution = item.executionId;
    const visibleAt = Date.now();
    const id = this.o.store.transaction(() => {
      this.o.store.removeActivity(item.id);
      return this.o.store.enqueue(item.instanceId, visibleAt, event);
    });
    this.track({ id, instanceId: item.instanceId, visibleAt, event });
  }
}
