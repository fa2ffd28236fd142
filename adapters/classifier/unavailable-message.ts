import type { CircuitOpenError } from '../../lib/resilience/circuit-breaker.js';
import type { TransientFailure } from './transient-failure.js';

/** Why the adapter stopped trying. */
export type StopReason =
  { kind: 'attempts' } | { kind: 'budget'; budgetMs: number; requestedWaitMs?: number } | { kind: 'circuit'; open: CircuitOpenError };

/**
 * The ClassifierUnavailable message, written for the person reading a failed job:
 * "classifier at http://… answered 503 on 4 attempts over 2.1 s", and why it stopped when that is not obvious.
 */
export function unavailableMessage(endpoint: string, failures: readonly TransientFailure[], elapsedMs: number, stop: StopReason): string {
  const who = `classifier at ${endpoint}`;
  if (failures.length === 0) {
    // Only the circuit stops a call before its first attempt.
    const open = stop.kind === 'circuit' ? stop.open : undefined;
    return `${who} not called: ${circuitSummary(open, 'circuit open')}`;
  }
  const head = `${who} ${outcomes(failures)} over ${seconds(elapsedMs)}`;
  switch (stop.kind) {
    case 'attempts':
      return head;
    case 'budget':
      return stop.requestedWaitMs !== undefined
        ? `${head}; it asked to retry after ${seconds(stop.requestedWaitMs)}, beyond the retry budget of ${seconds(stop.budgetMs)}`
        : `${head}; the retry budget of ${seconds(stop.budgetMs)} is spent`;
    case 'circuit':
      return `${head}; ${circuitSummary(stop.open, 'circuit now open')}`;
  }
}

/** "answered 503 on 4 attempts", or "failed 3 attempts (answered 429 ×1, timed out ×2)". */
function outcomes(failures: readonly TransientFailure[]): string {
  const counts = new Map<string, number>();
  for (const f of failures) counts.set(f.outcome, (counts.get(f.outcome) ?? 0) + 1);
  const n = failures.length;
  const attempts = `${n} attempt${n === 1 ? '' : 's'}`;
  if (counts.size === 1) return `${failures[0]!.outcome} on ${attempts}`;
  return `failed ${attempts} (${[...counts].map(([outcome, k]) => `${outcome} ×${k}`).join(', ')})`;
}

function circuitSummary(open: CircuitOpenError | undefined, state: string): string {
  if (!open) return state;
  const last = (open.lastFailure as Partial<TransientFailure> | undefined)?.outcome;
  const next = open.retryInMs > 0 ? `next trial in ${seconds(open.retryInMs)}` : 'a trial call is in flight';
  return `${state} after ${open.consecutiveFailures} consecutive failures${last ? ` (last: ${last})` : ''}, ${next}`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 1000 ? 2 : 1)} s`;
}
