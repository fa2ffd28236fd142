import { app, type InvocationContext } from '@azure/functions';
import type { IngestDeps } from '../deps.js';

/**
 * Publishes events that were recorded but not published (Event Grid was down, or the process died
 * between the two). The event id is the submission id, so a duplicate is harmless downstream.
 */
export async function relayOutbox(deps: Pick<IngestDeps, 'store' | 'events'>, context?: InvocationContext): Promise<number> {
  let published = 0;
  for (const { submissionId, event } of await deps.store.pendingEvents(100)) {
    try {
      await deps.events.publish([event]);
      await deps.store.markPublished(submissionId);
      published++;
    } catch (error) {
      context?.warn(`outbox: ${submissionId} not published yet`, String(error));
      break;
    }
  }
  return published;
}

export function registerRelayOutbox(deps: IngestDeps): void {
  app.timer('relayOutbox', { schedule: '*/5 * * * * *', handler: async (_timer, context) => void (await relayOutbox(deps, context)) });
}
