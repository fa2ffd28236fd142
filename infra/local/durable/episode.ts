import { findContinueAsNew, flattenActions, serializedInput } from './actions.js';
import { admit } from './admit.js';
import { cancelTimers } from './cancel-timers.js';
import { continueSlot } from './continue-slot.js';
import { checkDeterminism } from './determinism.js';
import { executionEvent, type EpisodePlan, type EpisodeSettings } from './episode-plan.js';
import { EventType, replayEvent, scheduledIdOf, type HistoryEvent } from './history.js';
import type { InstanceState } from './instance-state.js';
import { isTerminal } from './instance-status.js';
import { notifyParent } from './notify-parent.js';
import { scheduleNew } from './schedule-new.js';
import type { InboxMessage } from './store.js';
import { isoTime } from './time.js';

/**
 * One episode: admits the batch of messages, replays the orchestrator over the whole history and
 * turns what it asked for into a plan (history to append, messages, activities, child instances).
 */
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
  const started: HistoryEvent = { EventType: EventType.OrchestratorStarted, EventId: -1, IsPlayed: false, Timestamp: isoTime(now) };
  plan.append.push(started, ...admitted);
  plan.row.lastUpdatedTime = isoTime(now);
  if (plan.row.status === 'Terminated') {
    const reason = admitted[admitted.length - 1]?.Input ?? null;
    plan.row.output = reason;
    notifyParent(state, plan, now, { failed: `Instance terminated: ${reason ?? ''}` });
    return plan;
  }
  if (plan.row.status === 'Suspended' && !admitted.some(isAnswerOrEvent)) return plan;

  const startedEvent =
    state.history.find((e) => e.EventType === EventType.ExecutionStarted) ??
    admitted.find((e) => e.EventType === EventType.ExecutionStarted);
  const input = startedEvent?.Input ? (JSON.parse(startedEvent.Input) as unknown) : undefined;
  // The cached replay history plus copies of this episode's events, taken off again afterwards:
  // the engine appends what the episode commits. Nothing is copied or re-parsed per episode.
  const replayed = state.replay.length;
  for (const e of plan.append) state.replay.push(replayEvent(e));
  const outcome = await settings
    .runOrchestrator(state.row.name, {
      history: state.replay,
      input,
      instanceId: state.row.instanceId,
      isReplaying: state.history.length > 0,
      parentInstanceId: state.row.parentInstanceId,
      upperSchemaVersion: 1,
      upperSchemaVersionNew: 2,
      longRunningTimerIntervalDuration: settings.toTimeSpan(settings.longTimerIntervalMs),
      maximumShortTimerDuration: settings.toTimeSpan(settings.maximumShortTimerMs),
      defaultHttpAsyncRequestSleepTimeMillseconds: 30000,
    })
    .finally(() => (state.replay.length = replayed));
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
  plan.append.push({ EventType: EventType.OrchestratorCompleted, EventId: -1, IsPlayed: false, Timestamp: isoTime(now) });
  return plan;
}

function isAnswerOrEvent(e: HistoryEvent): boolean {
  return e.EventType === EventType.EventRaised || scheduledIdOf(e) !== undefined;
}
