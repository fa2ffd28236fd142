import { EventType, type HistoryEvent } from './history.js';
import type { ActivityItem } from './store.js';

/**
 * Runs one activity and turns what it returned or threw into the answer its orchestration gets:
 * TaskCompleted with the result as JSON, or TaskFailed with the error (retryable, as in DTFx).
 */
export async function runActivityEvent(
  item: ActivityItem,
  run: (name: string, inputJson: string | null) => Promise<unknown>,
  now: () => string,
): Promise<HistoryEvent> {
  let event: HistoryEvent;
  try {
    const result = await run(item.name, item.input);
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
  return event;
}
