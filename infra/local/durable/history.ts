/** Durable Task history event types, numbered as DTFx and the durable-functions SDK expect. */
export const EventType = {
  ExecutionStarted: 0,
  ExecutionCompleted: 1,
  ExecutionFailed: 2,
  ExecutionTerminated: 3,
  TaskScheduled: 4,
  TaskCompleted: 5,
  TaskFailed: 6,
  SubOrchestrationInstanceCreated: 7,
  SubOrchestrationInstanceCompleted: 8,
  SubOrchestrationInstanceFailed: 9,
  TimerCreated: 10,
  TimerFired: 11,
  OrchestratorStarted: 12,
  OrchestratorCompleted: 13,
  EventSent: 14,
  EventRaised: 15,
  ContinueAsNew: 16,
  GenericEvent: 17,
  HistoryState: 18,
  ExecutionSuspended: 19,
  ExecutionResumed: 20,
} as const;

/**
 * One history event in the SDK's wire shape (PascalCase). `_Slot` and `_Attempt` are the host's
 * own bookkeeping for actions that consume several sequence numbers (retries, long timers); the
 * SDK ignores fields it does not know.
 */
export interface HistoryEvent {
  EventType: number;
  EventId: number;
  IsPlayed: boolean;
  Timestamp: string;
  Name?: string;
  Input?: string | null;
  Result?: string | null;
  Reason?: string;
  Details?: string;
  FailureDetails?: FailureDetails;
  TaskScheduledId?: number;
  TimerId?: number;
  FireAt?: string;
  InstanceId?: string;
  ParentInstanceId?: string | null;
  _Slot?: number;
  _Attempt?: number;
  /** The execution a message was sent to: answers for an execution that continued-as-new are dropped. */
  _Execution?: string;
}

export interface FailureDetails {
  ErrorType: string;
  ErrorMessage: string;
  StackTrace?: string | null;
  IsNonRetriable?: boolean;
  InnerFailure?: FailureDetails | null;
}

/** Events that are answers to something the orchestrator scheduled, keyed by the scheduled id. */
export function scheduledIdOf(event: HistoryEvent): number | undefined {
  switch (event.EventType) {
    case EventType.TaskCompleted:
    case EventType.TaskFailed:
    case EventType.SubOrchestrationInstanceCompleted:
    case EventType.SubOrchestrationInstanceFailed:
      return event.TaskScheduledId;
    case EventType.TimerFired:
      return event.TimerId;
    default:
      return undefined;
  }
}

/** Scheduling events take a sequence number (EventId) from the orchestrator's counter. */
export function isSchedulingEvent(event: HistoryEvent): boolean {
  return (
    event.EventType === EventType.TaskScheduled ||
    event.EventType === EventType.TimerCreated ||
    event.EventType === EventType.SubOrchestrationInstanceCreated ||
    event.EventType === EventType.EventSent
  );
}

/** The message that starts an execution (a new instance, a sub-orchestration, continue-as-new). */
export function executionStarted(at: string, name: string, input: string | null, extra: Partial<HistoryEvent> = {}): HistoryEvent {
  return { EventType: EventType.ExecutionStarted, EventId: -1, IsPlayed: false, Timestamp: at, Name: name, Input: input, ...extra };
}

/** An event as the SDK replays it: Timestamp already the Date the SDK would make of it in place. */
export type ReplayEvent = Omit<HistoryEvent, 'Timestamp'> & { Timestamp: Date };

export function replayEvent(event: HistoryEvent): ReplayEvent {
  return { ...event, Timestamp: new Date(event.Timestamp) };
}

/**
 * The start message of a Pending instance, made from its row: a new instance's or a child's start is
 * never written to the inbox, because the row already records all it says.
 */
export function startMessage(row: {
  instanceId: string;
  executionId: string;
  name: string;
  input: string | null;
  createdTime: string;
  parentInstanceId: string | null;
}): { id: number; instanceId: string; visibleAt: number; event: HistoryEvent; fromRow: true } {
  const parent = row.parentInstanceId ? { ParentInstanceId: row.parentInstanceId } : {};
  const event = executionStarted(row.createdTime, row.name, row.input, { ...parent, _Execution: row.executionId });
  return { id: 0, instanceId: row.instanceId, visibleAt: Date.parse(row.createdTime), event, fromRow: true };
}
