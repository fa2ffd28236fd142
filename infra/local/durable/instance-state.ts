import { EventType, isSchedulingEvent, replayEvent, scheduledIdOf, type HistoryEvent, type ReplayEvent } from './history.js';
import type { InstanceRow } from './store.js';

/** What the host tracks about one scheduled action: its first sequence number and kind. */
export interface Primary {
  id: number;
  eventType: number;
  name: string | undefined;
}

/**
 * An instance's history plus what the host derives from it: the sequence counter, the primary
 * scheduling events (one per orchestrator action, for the non-determinism check), which extra
 * sequence numbers belong to which action (retries, long-timer legs), and which ids have answered.
 */
export class InstanceState {
  nextSeq = 0;
  readonly primaries: Primary[] = [];
  readonly slotOf = new Map<number, number>();
  readonly scheduled = new Map<number, HistoryEvent>();
  readonly answered = new Set<number>();
  lastTimestamp = 0;
  /**
   * The history as the SDK is handed it, kept across episodes: copies of `history` with Timestamps
   * already Dates (the SDK would convert each in place), made once per event rather than per episode.
   */
  readonly replay: ReplayEvent[];

  constructor(
    public row: InstanceRow,
    public history: HistoryEvent[],
  ) {
    this.replay = history.map(replayEvent);
    for (const e of history) this.observe(e);
  }

  /** Updates the derived state with one event appended to the history. */
  observe(event: HistoryEvent): void {
    if (event.EventType === EventType.OrchestratorStarted) {
      this.lastTimestamp = Math.max(this.lastTimestamp, Date.parse(event.Timestamp));
    }
    if (isSchedulingEvent(event)) {
      this.nextSeq = Math.max(this.nextSeq, event.EventId + 1);
      this.scheduled.set(event.EventId, event);
      const slot = event._Slot;
      if (slot === undefined || slot === event.EventId) {
        this.primaries.push({ id: event.EventId, eventType: event.EventType, name: event.Name });
      }
      if (slot !== undefined) this.slotOf.set(event.EventId, slot);
      return;
    }
    const answered = scheduledIdOf(event);
    if (answered !== undefined) this.answered.add(answered);
  }

  append(events: HistoryEvent[]): void {
    for (const e of events) {
      this.history.push(e);
      this.replay.push(replayEvent(e));
      this.observe(e);
    }
  }

  /** True when `id` was scheduled and has not been answered yet: only such answers are applied. */
  isOpen(id: number | undefined): boolean {
    return id !== undefined && this.scheduled.has(id) && !this.answered.has(id);
  }

  /** Attempts made so far by the retried action whose first sequence number is `primaryId`. */
  attemptsOf(primaryId: number): number {
    let attempts = 0;
    for (const [id, slot] of this.slotOf) {
      const e = this.scheduled.get(id);
      if (slot === primaryId && e && e.EventType !== EventType.TimerCreated) attempts++;
    }
    return attempts;
  }
}
