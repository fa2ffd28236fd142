import type { Action } from './actions.js';

/** The state the SDK's orchestration handler returns (replay schema V3). */
export interface OrchestratorState {
  isDone: boolean;
  actions: Action[][];
  output?: unknown;
  error?: string;
  customStatus?: unknown;
  schemaVersion?: number;
}

export interface OrchestratorOutcome {
  state?: OrchestratorState;
  error?: { message: string; details: string };
}

const MARKER = '$OutOfProcData$:';

/**
 * Reads what the SDK handed back: a state, or — when the orchestrator threw — an Error whose
 * message carries the state after `$OutOfProcData$:` with the user's error in `state.error`.
 */
export function readOrchestratorOutcome(result: unknown, thrown?: unknown): OrchestratorOutcome {
  if (thrown === undefined) {
    const state = (typeof result === 'string' ? JSON.parse(result) : result) as OrchestratorState | undefined;
    if (!state || !Array.isArray(state.actions)) {
      return { error: { message: 'The orchestrator returned no orchestration state.', details: String(result) } };
    }
    return { state };
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  const at = message.indexOf(MARKER);
  if (at < 0) {
    return { error: { message, details: thrown instanceof Error ? (thrown.stack ?? '') : '' } };
  }
  const state = JSON.parse(message.slice(at + MARKER.length)) as OrchestratorState;
  const userError = state.error ?? message.slice(0, at).trim();
  return { state, error: { message: userError, details: message.slice(0, at).trim() } };
}
