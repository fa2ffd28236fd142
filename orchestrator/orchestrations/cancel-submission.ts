import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import type { SubmissionReceived } from '../../contracts/submission.js';
import type { SubmissionSummary } from '../../contracts/webhook.js';
import { COMPENSATE_SUBMISSION } from '../activities/compensate-submission.js';
import { deliverSummary } from './deliver-summary.js';
import type { PipelineSettings } from './pipeline-settings.js';

export const CANCEL_SUBMISSION = 'cancelSubmission';

export interface CancelSubmissionInput {
  submission: Pick<SubmissionReceived, 'submissionId' | 'clientId' | 'reference' | 'receivedAt' | 'files' | 'webhook'>;
  settings: PipelineSettings['delivery'];
}

/** After the submission's orchestrations are terminated: compensate storage durably, then tell the client. */
export const cancelSubmissionOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext) {
  const { submission: s, settings } = context.df.getInput<CancelSubmissionInput>();
  const compensation = yield context.df.callActivityWithRetry(COMPENSATE_SUBMISSION, new df.RetryOptions(2_000, 5), s.submissionId);
  const summary: SubmissionSummary = {
    submissionId: s.submissionId,
    clientId: s.clientId,
    reference: s.reference ?? null,
    status: 'cancelled',
    receivedAt: s.receivedAt,
    completedAt: context.df.currentUtcDateTime.toISOString(),
    files: s.files.map((f) => ({
      fileId: f.fileId,
      name: f.name,
      contentType: f.contentType,
      state: 'failed',
      escalated: false,
      reason: 'cancelled by the client',
    })),
    links: { summary: '' },
  };
  const delivery = yield* deliverSummary(context, summary, s.webhook.url, `${s.submissionId}.cancelled`, settings);
  return { compensation, delivery };
};

export function registerCancelSubmission(): void {
  df.app.orchestration(CANCEL_SUBMISSION, cancelSubmissionOrchestrator);
}
