import type { Logger } from '../host/types.js';
import { ActivityPool } from './activity-pool.js';
import { commitPlan, persistAnswer, settleMessage, type CommittedPlan } from './commit-plan.js';
import { createInstance } from './create-instance.js';
import { planEpisode } from './episode.js';
import { GroupCommit } from './group-commit.js';
import type { EpisodePlan, EpisodeSettings } from './episode-plan.js';
import { DurableApiError } from './errors.js';
import { EventType, scheduledIdOf, startMessage, type HistoryEvent } from './history.js';
import { InstanceState } from './instance-state.js';
import { isTerminal } from './instance-status.js';
import { MessageQueue } from './message-queue.js';
import type { OrchestratorOutcome } from './orchestrator-outcome.js';
import type { DurableStore, InboxMessage, InstanceRow } from './store.js';
import { isoTime, toTimeSpan } from './time.js';

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

/**
 * The local Durable Task backend: dispatches orchestration episodes and activities, keeps every
 * effect of an episode in one SQLite transaction, and resumes in-flight work after a crash.
 */
export class DurableEngine {
  private readonly cache = new Map<string, InstanceState>();
  private readonly ready = new Set<string>();
  private readonly running = new Set<string>();
  private readonly timerMessages = new Map<string, number>();
  private stopped = false;
  private lastNow = 0;
  private pumpScheduled = false;
  private readonly queue = new MessageQueue((id, m) => this.markReady(id, m));
  /** Suspended instances holding messages: only a resume or terminate wakes them. */
  private readonly parked = new Set<string>();
  private readonly settings: EpisodeSettings;
  private readonly activities: ActivityPool;
  private idleWaiters: (() => void)[] = [];
  private readonly group: GroupCommit;

  constructor(private readonly o: EngineOptions) {
    this.settings = {
      maximumShortTimerMs: o.maximumShortTimerMs,
      longTimerIntervalMs: o.longTimerIntervalMs,
      runOrchestrator: o.runOrchestrator,
      toTimeSpan,
    };
    this.group = new GroupCommit(o.store);
    this.activities = new ActivityPool({
      run: (name, input) => o.runActivity(name, input),
      maxConcurrent: o.maxConcurrentActivities,
      now: () => isoTime(this.now()),
      answered: (m) => this.track(m),
      settled: () => {
        this.pump();
        this.checkIdle();
      },
    });
  }

  /** Loads what the last run left pending — messages, timers, activities — and starts dispatching. */
  start(): void {
    // Starts first: a message for an instance that has not started yet waits behind its start.
    for (const row of this.o.store.pendingInstances()) this.track(startMessage(row));
    for (const m of this.o.store.pendingMessages()) this.track(m);
    this.activities.add(this.o.store.pendingActivities());
    this.pump();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.close();
    while (this.running.size > 0 || this.activities.running > 0) await new Promise((r) => setTimeout(r, 10));
  }

  // ---- client operations (the Durable HTTP API and DurableClient call these) ----

  startNew(name: string, instanceId: string | undefined, input: string | null): InstanceRow {
    if (!this.o.isOrchestrator(name)) {
      throw new DurableApiError(400, `The function '${name}' doesn't exist, is disabled, or is not an orchestrator function.`);
    }
    const { row, message } = createInstance(this.o.store, { name, instanceId, input, now: this.now() });
    const id = row.instanceId;
    this.cache.delete(id);
    const orphans = this.queue.drop(id).filter((m) => m.activityId !== undefined);
    if (orphans.length) this.o.store.transaction(() => orphans.forEach((m) => settleMessage(this.o.store, m)));
    this.track(message);
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
    return this.ready.size === 0 && this.running.size === 0 && this.activities.idle;
  }

  /** A message from outside the orchestration: 404 for an unknown instance, 410 for a finished one. */
  private control(instanceId: string, fields: Partial<HistoryEvent> & { EventType: number }): void {
    const row = this.o.store.getInstance(instanceId);
    if (!row) throw new DurableApiError(404, `No instance with ID '${instanceId}' found.`);
    if (isTerminal(row.status)) {
      throw new DurableApiError(410, `The instance '${instanceId}' is ${row.status} and can no longer receive this request.`);
    }
    const now = this.now();
    const event: HistoryEvent = { EventId: -1, IsPlayed: false, Timestamp: isoTime(now), ...fields, _Execution: row.executionId };
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
      // It may wait long: an answer held only in memory is written now, so a crash does not run its activity again.
      if (m.activityId !== undefined) this.o.store.transaction(() => persistAnswer(this.o.store, m));
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
    this.activities.dispatch();
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
      await this.group.submit(() => batch.forEach((m) => settleMessage(this.o.store, m)));
      return;
    }
    const current = batch.filter((m) => !m.event._Execution || m.event._Execution === state.row.executionId);
    const stale = batch.filter((m) => !current.includes(m));
    try {
      const plan = await planEpisode(state, current, this.now(), this.settings);
      plan.dropped.push(...stale);
      const held = current.filter((m) => !plan.consumed.includes(m) && !plan.dropped.includes(m));
      let committed: CommittedPlan | undefined;
      await this.group.submit(() => {
        committed = commitPlan(this.o.store, state, plan, {
          now: () => this.now(),
          timerMessage: (timerId) => this.timerMessages.get(`${instanceId}\n${timerId}`),
        });
        // Held answers wait for a resume, possibly long: they are written rather than kept only in memory.
        for (const m of held) persistAnswer(this.o.store, m);
      });
      this.apply(state, plan, committed!);
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

  /** The committed plan's effects in memory: timers cancelled, cached state advanced, messages and activities dispatched. */
  private apply(state: InstanceState, plan: EpisodePlan, { sent, queued }: CommittedPlan): void {
    const id = state.row.instanceId;
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
    this.activities.add(queued);
  }
}
