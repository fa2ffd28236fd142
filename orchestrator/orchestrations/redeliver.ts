import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import { ORCHESTRATION, type RedeliverInput } from '../../contracts/orchestrations.js';
import { callActivity } from './call-activity.js';
import { deliverSummary } from './deliver-summary.js';

/** A replay: the stored summary, delivered again under a new delivery id (instance id: `redeliverInstanceId`). */
export const redeliverOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = context.df.getInput<RedeliverInput>();
  const summary = yield* callActivity(context, 'readSummary', input.submissionId, input.retry);
  return yield* deliverSummary(context, summary, input.webhookUrl, input.deliveryId, input.settings, input.retry);
};

export function registerRedeliver(): void {
  df.app.orchestration(ORCHESTRATION.redeliver, redeliverOrchestrator);
}
