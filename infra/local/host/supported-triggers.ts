import type { Registration } from './types.js';

/** Trigger types this host can serve; anything else stops start-up, naming the function. */
export const SUPPORTED_TRIGGERS = new Set(['httpTrigger', 'orchestrationTrigger', 'activityTrigger', 'eventGridTrigger', 'timerTrigger']);

/** Input bindings the host fills in; other extra inputs would silently be missing, so they are refused too. */
const SUPPORTED_INPUTS = new Set(['durableClient', 'orchestrationClient']);

export function unsupportedBindings(registrations: Iterable<Registration>): string[] {
  const problems: string[] = [];
  for (const r of registrations) {
    if (!SUPPORTED_TRIGGERS.has(r.trigger.type)) {
      problems.push(`function '${r.name}' uses trigger type '${r.trigger.type}', which the local host cannot serve`);
    }
    for (const [name, b] of Object.entries(r.bindings)) {
      if (name === r.triggerName || b.direction !== 'in') continue;
      if (!SUPPORTED_INPUTS.has(b.type))
        problems.push(`function '${r.name}' uses input binding type '${b.type}' ('${name}'), which the local host cannot serve`);
    }
    for (const [name, b] of Object.entries(r.bindings)) {
      if (b.direction === 'out' && name !== '$return' && b.type !== 'http') {
        problems.push(`function '${r.name}' uses output binding type '${b.type}' ('${name}'), which the local host cannot serve`);
      }
    }
  }
  return problems;
}
