import { ActionType, findContinueAsNew, flattenActions, isEntityAction, retryDelayMs, serializedInput, type Action } from './actions.js';
import { EventType, executionStarted, scheduledIdOf, type HistoryEvent } from './history.js';
import type { InstanceState } from './instance-state.js';
import { newInstanceRow, type InboxMessage, type InstanceRow } from './store.js';
import type { OrchestratorOutcome } from './orchestrator-outcome.js';

export interface EpisodeSettings {
  maximumShortTimerMs: number;
  longTimerIntervalMs: number;
  runOrchestrator(name: string, triggerInput: unknown): Promise<OrchestratorOutcome>;
  toTimeSpan(ms: number): string;
}

export interface Outgoing {
  instanceId: string;
  visibleAt: number;
  event: HistoryEvent;
}

/** Everything one episode changes, committed by the engine in a single transaction. */
export interface EpisodePlan {
  append: HistoryEvent[];
  consumed: InboxMessage[];
  row: InstanceRow;
  outgoing: Outgoing[];
  activities: { taskId: number; name: string; input: string | null }[];
  children: InstanceRow[];
  canceledTimers: number[];
  continueAsNew?: { input: string | null };
  dropped: InboxMessage[];
}

const TERMINAL = new Set(['Completed', 'Failed', 'Terminated', 'Canceled']);
export const isTerminal = (status: string): boolean => TERMINAL.has(status);

const iso = (ms: number): string => new Date(ms).toISOString();

/** Builds the control events (start, terminate, suspend, resume) and answers into this episode. */
function admit(state: InstanceState, messages: InboxMessage[], plan: EpisodePlan): HistoryEvent[] {
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

/** The instance id of a sub-orchestration the SDK did not name: derived, so a replay repeats it. */
const childId = (parent: string, seq: number): string => `${parent}:${seq}`;

export async function planEpisode(
  state: InstanceState,
  messages: InboxMessage[],
  now: number,
  settings: EpisodeSettings,
): Promise<EpisodePlan> {
  const plan: EpisodePlan = {
    append: [],
    consumed: [],
    row: { ...state.row },
    outgoing: [],
    activities: [],
    children: [],
    canceledTimers: [],
    dropped: [],
  };
  if (isTerminal(state.row.status)) {
    plan.dropped.push(...messages);
    return plan;
  }
  const admitted = admit(state, messages, plan);
  if (admitted.length === 0) return plan;
  const started: HistoryEvent = { EventType: EventType.OrchestratorStarted, EventId: -1, IsPlayed: false, Timestamp: iso(now) };
  plan.append.push(started, ...admitted);
  plan.row.lastUpdatedTime = iso(now);
  if (plan.row.status === 'Terminated') {
    const reason = admitted[admitted.length - 1]?.Input ?? null;
    plan.row.output = reason;
    notifyParent(state, plan, now, { failed: `Instance terminated: ${reason ?? ''}` });
    return plan;
  }
  if (plan.row.status === 'Suspended' && !admitted.some(isAnswerOrEvent)) return plan;

  const history = [...state.history, ...plan.append];
  const startedEvent = history.find((e) => e.EventType === EventType.ExecutionStarted);
  const input = startedEvent?.Input ? (JSON.parse(startedEvent.Input) as unknown) : undefined;
  const outcome = await settings.runOrchestrator(state.row.name, {
    // Copies: the SDK turns each event's Timestamp into a Date in place.
    history: history.map((e) => ({ ...e })),
    input,
    instanceId: state.row.instanceId,
    isReplaying: state.history.length > 0,
    parentInstanceId: state.row.parentInstanceId,
    upperSchemaVersion: 1,
    upperSchemaVersionNew: 2,
    longRunningTimerIntervalDuration: settings.toTimeSpan(settings.longTimerIntervalMs),
    maximumShortTimerDuration: settings.toTimeSpan(settings.maximumShortTimerMs),
    defaultHttpAsyncRequestSleepTimeMillseconds: 30000,
  });
  const sdk = outcome.state;
  plan.row.customStatus = sdk?.customStatus === undefined ? null : JSON.stringify(sdk.customStatus);
  let failure = outcome.error;
  const groups = sdk?.actions ?? [];
  const flat = flattenActions(groups);
  failure ??= checkDeterminism(state, flat);
  if (!failure) failure = scheduleNew(state, flat, plan, now, settings);
  if (!failure) continueSlot(state, flat, admitted[admitted.length - 1], plan, now, settings);
  if (!failure) cancelTimers(state, flat, plan);

  if (failure) {
    plan.row.status = 'Failed';
    plan.row.output = JSON.stringify(failure.message);
    plan.append.push(executionEvent(EventType.ExecutionFailed, now, { Reason: failure.message, Details: failure.details }));
    notifyParent(state, plan, now, { failed: failure.message, details: failure.details });
  } else if (sdk?.isDone) {
    const can = findContinueAsNew(groups);
    if (can) {
      plan.row.status = 'ContinuedAsNew';
      plan.continueAsNew = { input: serializedInput(can.input) };
    } else {
      const result = sdk.output === undefined ? null : JSON.stringify(sdk.output);
      plan.row.status = 'Completed';
      plan.row.output = result;
      plan.append.push(executionEvent(EventType.ExecutionCompleted, now, { Result: result }));
      notifyParent(state, plan, now, { result });
    }
  }
  plan.append.push({ EventType: EventType.OrchestratorCompleted, EventId: -1, IsPlayed: false, Timestamp: iso(now) });
  return plan;
}

function isAnswerOrEvent(e: HistoryEvent): boolean {
  return e.EventType === EventType.EventRaised || scheduledIdOf(e) !== undefined;
}

function executionEvent(type: number, now: number, fields: Partial<HistoryEvent>): HistoryEvent {
  return { EventType: type, EventId: -1, IsPlayed: false, Timestamp: iso(now), ...fields };
}

function notifyParent(
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

function kindOf(action: Action): number {
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

const nameOf = (action: Action): string | undefined =>
  action.actionType === ActionType.CallHttp ? 'BuiltIn::HttpActivity' : action.functionName;

/** As DTFx: the k-th scheduling action must be what history recorded as the k-th, in kind and name. */
function checkDeterminism(state: InstanceState, flat: Action[]): { message: string; details: string } | undefined {
  for (let i = 0; i < state.primaries.length; i++) {
    const recorded = state.primaries[i]!;
    const action = flat[i];
    if (!action) break;
    if (kindOf(action) !== recorded.eventType || (recorded.name !== undefined && nameOf(action) !== recorded.name)) {
      const message =
        `Non-Deterministic workflow detected: the orchestrator scheduled ${describe(kindOf(action), nameOf(action))} ` +
        `where history has ${describe(recorded.eventType, recorded.name)} (sequence number ${recorded.id}). ` +
        'Orchestrator code must not change while instances are in flight.';
      return { message, details: 'NonDeterministicOrchestrationException' };
    }
  }
  return undefined;
}

function describe(eventType: number, name: string | undefined): string {
  const kind = Object.entries(EventType).find(([, v]) => v === eventType)?.[0] ?? String(eventType);
  return name ? `${kind} '${name}'` : kind;
}

function scheduleNew(
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
    const ts = iso(now);
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

function timerFired(state: InstanceState, id: number, fireAt: number, now: number): Outgoing {
  return {
    instanceId: state.row.instanceId,
    visibleAt: fireAt,
    event: {
      EventType: EventType.TimerFired,
      EventId: -1,
      IsPlayed: false,
      Timestamp: iso(Math.max(now, fireAt)),
      TimerId: id,
      FireAt: iso(fireAt),
    },
  };
}

function scheduleChild(state: InstanceState, plan: EpisodePlan, action: Action, id: number, now: number, slot: object): void {
  const instanceId = action.instanceId || childId(state.row.instanceId, id);
  const input = serializedInput(action.input);
  const name = action.functionName ?? '';
  plan.append.push({
    EventType: EventType.SubOrchestrationInstanceCreated,
    EventId: id,
    IsPlayed: false,
    Timestamp: iso(now),
    Name: name,
    InstanceId: instanceId,
    Input: input,
    ...slot,
  });
  plan.children.push(newInstanceRow({ instanceId, name, input, now, parentInstanceId: state.row.instanceId, parentTaskId: id }));
  plan.outgoing.push({
    instanceId,
    visibleAt: now,
    event: executionStarted(iso(now), name, input, { ParentInstanceId: state.row.instanceId }),
  });
}

/**
 * Retries and long timers take further sequence numbers when one of their legs answers. The SDK
 * numbers that leg while processing the answer, after anything the episode's earlier events made
 * the orchestrator schedule — so the engine admits such an answer only as an episode's last event.
 */
function continueSlot(
  state: InstanceState,
  flat: Action[],
  last: HistoryEvent | undefined,
  plan: EpisodePlan,
  now: number,
  settings: EpisodeSettings,
): void {
  const answered = last ? scheduledIdOf(last) : undefined;
  const primaryId = answered === undefined ? undefined : state.slotOf.get(answered);
  if (primaryId === undefined || !last) return;
  const index = state.primaries.findIndex((p) => p.id === primaryId);
  const action = flat[index];
  const primary = state.scheduled.get(primaryId);
  if (!action || !primary) return;
  // A sequence number is taken only when a leg is really scheduled.
  const take = (): number => state.nextSeq++;
  if (action.actionType === ActionType.CreateTimer) {
    const finalAt = Date.parse(action.fireAt ?? '');
    if (!(finalAt > now)) return;
    const fireAt = finalAt - now > settings.maximumShortTimerMs ? now + settings.longTimerIntervalMs : finalAt;
    return scheduleTimer(state, plan, take(), fireAt, now, { slot: primaryId, canceled: action.isCanceled });
  }
  const options = action.retryOptions;
  if (!options) return;
  const attempts = state.attemptsOf(primaryId);
  const timeout = options.retryTimeoutInMilliseconds;
  const expired = timeout !== undefined && timeout > 0 && now - Date.parse(primary.Timestamp) >= timeout;
  if (last.EventType === EventType.TimerFired) {
    if (attempts >= options.maxNumberOfAttempts) return;
    const id = take();
    const retry = { _Slot: primaryId, _Attempt: attempts + 1 };
    const isChild = primary.EventType === EventType.SubOrchestrationInstanceCreated;
    if (!expired && isChild) return scheduleChild(state, plan, { ...action, instanceId: primary.InstanceId }, id, now, retry);
    plan.append.push({ ...primary, EventId: id, IsPlayed: false, Timestamp: iso(now), ...retry });
    if (!expired) {
      plan.activities.push({ taskId: id, name: primary.Name ?? '', input: primary.Input ?? null });
      return;
    }
    // Past the retry timeout the SDK still asks for every remaining attempt; each fails at once.
    const reason = `Retry timeout of ${timeout} ms exceeded`;
    const failedType = isChild ? EventType.SubOrchestrationInstanceFailed : EventType.TaskFailed;
    plan.outgoing.push({
      instanceId: state.row.instanceId,
      visibleAt: now,
      event: { ...executionEvent(failedType, now, {}), TaskScheduledId: id, Reason: reason, Details: reason },
    });
    return;
  }
  // A successful attempt ends the retried call; a failed one makes the SDK wait for a retry timer,
  // even after the last attempt.
  if (last.EventType !== EventType.TaskFailed && last.EventType !== EventType.SubOrchestrationInstanceFailed) return;
  scheduleTimer(state, plan, take(), now + (expired ? 0 : retryDelayMs(options, attempts)), now, { slot: primaryId });
}

/** Records TimerCreated and, unless the timer is already cancelled, its TimerFired message. */
function scheduleTimer(
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
    Timestamp: iso(now),
    FireAt: iso(fireAt),
    ...(o.slot !== undefined ? { _Slot: o.slot } : {}),
  });
  if (!o.canceled) plan.outgoing.push(timerFired(state, id, fireAt, now));
}

function cancelTimers(state: InstanceState, flat: Action[], plan: EpisodePlan): void {
  flat.forEach((action, index) => {
    if (action.actionType !== ActionType.CreateTimer || !action.isCanceled) return;
    const primary = state.primaries[index];
    if (!primary) return;
    plan.canceledTimers.push(primary.id);
    for (const [id, slot] of state.slotOf) if (slot === primary.id && id !== primary.id) plan.canceledTimers.push(id);
  });
}
