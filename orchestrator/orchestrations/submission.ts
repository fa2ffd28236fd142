import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import type { SubmissionReceived } from '../../contracts/submission.js';
import { MARK_SUBMISSION } from '../activities/mark-submission.js';

export const SUBMISSION_ORCHESTRATION = 'submission';

/**
 * One instance per submission (instanceId = submissionId). For now it records that processing
 * started; the fan-out to workers, escalation and delivery build on this.
 */
export const submissionOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = context.df.getInput<SubmissionReceived>();
  const files = Object.fromEntries(input.files.map((f) => [f.fileId, { state: 'queued' }]));
  context.df.setCustomStatus({ state: 'processing', files, escalations: [] });
  yield context.df.callActivity(MARK_SUBMISSION, { submissionId: input.submissionId, status: 'processing' });
  return { submissionId: input.submissionId, files: input.files.length };
};

export function registerSubmissionOrchestrator(): void {
  df.app.orchestration(SUBMISSION_ORCHESTRATION, submissionOrchestrator);
}
