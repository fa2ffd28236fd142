import type { HistoryEvent } from './history.js';
import type { OrchestratorOutcome } from './orchestrator-outcome.js';
import type { InboxMessage, InstanceRow } from './store.js';
import { isoTime } from './time.js';

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

/** A history event that takes no sequence number (EventId -1), stamped `now`. */
export function executionEvent(type: number, now: number, fields: Partial<HistoryEvent>): HistoryEvent {
  return { EventType: type, EventId: -1, IsPlayed: false, Timestamp: isoTime(now), ...fields };
}
