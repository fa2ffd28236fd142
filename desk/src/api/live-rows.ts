import { followEvents } from './follow-events.js';
import type { SubmissionRow } from './types.js';

type RowListener = (row: SubmissionRow) => void;
type StateListener = (connected: boolean) => void;

const rowListeners = new Set<RowListener>();
const stateListeners = new Set<StateListener>();
let connected = false;

/**
 * The one `GET /api/staff/events` connection of the desk, shared by every page that shows submissions: each new or
 * changed submission row goes to all listeners. Started once signed in; `stop` ends it (signed out).
 */
export function startLiveRows(): () => void {
  const controller = new AbortController();
  void followEvents(
    '/api/staff/events',
    {
      onEvent: (event) => {
        if (event.event !== 'submission') return;
        let row: SubmissionRow;
        try {
          row = JSON.parse(event.data) as SubmissionRow;
        } catch {
          return; // One bad event must not drop the connection; the next change of that submission corrects it.
        }
        for (const listener of rowListeners) listener(row);
      },
      onConnected: (state) => {
        connected = state;
        for (const listener of stateListeners) listener(state);
      },
    },
    controller.signal,
  );
  return () => controller.abort();
}

export function onLiveRow(listener: RowListener): () => void {
  rowListeners.add(listener);
  return () => rowListeners.delete(listener);
}

export function onLiveState(listener: StateListener): () => void {
  stateListeners.add(listener);
  listener(connected);
  return () => stateListeners.delete(listener);
}
