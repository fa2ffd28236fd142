import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import type { SubmissionSummary } from '../../contracts/webhook.js';
import { READ_SUMMARY } from '../activities/read-summary.js';
import { deliverSummary } from './deliver-summary.js';
import type { PipelineSettings } from './pipeline-settings.js';

export const REDELIVER = 'redeliver';

export interface RedeliverInput {
  submissionId: string;
  clientId: string;
  webhookUrl: string;
  deliveryId: string;
  settings: PipelineSettings['delivery'];
}

/** A replay: the stored summary, delivered again under a new delivery id (instanceId = deliveryId). */
export const redeliverOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = context.df.getInput<RedeliverInput>();
  const summary = (yield context.df.callActivity(READ_SUMMARY, input.submissionId)) as SubmissionSummary;
  return yield* deliverSummary(context, summary, input.webhookUrl, input.deliveryId, input.settings);
};

export function registerRedeliver(): void {
  df.app.orchestration(REDELIVER, redeliverOrchestrator);
}
