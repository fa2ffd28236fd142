import type { Action } from './actions.js';
import { kindOf, nameOf } from './action-kind.js';
import { EventType } from './history.js';
import type { InstanceState } from './instance-state.js';

/** As DTFx: the k-th scheduling action must be what history recorded as the k-th, in kind and name. */
export function checkDeterminism(state: InstanceState, flat: Action[]): { message: string; details: string } | undefined {
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
