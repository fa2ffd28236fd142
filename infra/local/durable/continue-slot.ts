import { ActionType, retryDelayMs, type Action } from './actions.js';
import { EventType, scheduledIdOf, type HistoryEvent } from './history.js';
import type { InstanceState } from './instance-state.js';
import { executionEvent, type EpisodePlan, type EpisodeSettings } from './episode-plan.js';
import { scheduleChild } from './schedule-child.js';
import { scheduleTimer } from './schedule-timer.js';
import { isoTime } from './time.js';

/**
 * Retries and long timers take further sequence numbers when one of their legs answers. The SDK
 * numbers that leg while processing the answer, after anything the episode's earlier events made
 * the orchestrator schedule — so the engine admits such an answer only as an episode's last event.
 */
export function continueSlot(
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
    plan.append.push({ ...primary, EventId: id, IsPlayed: false, Timestamp: isoTime(now), ...retry });
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
