import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import { cancelledDeliveryId } from '../../contracts/ids.js';
import { ORCHESTRATION, type CancelSubmissionInput, type Orchestrations } from '../../contracts/orchestrations.js';
import { submissionLinksOf } from '../../contracts/links.js';
import { CANCELLED_REASON, SUMMARY_SCHEMA_VERSION, type SubmissionSummary } from '../../contracts/submission-summary.js';
import { callActivity } from './call-activity.js';
import { deliverSummary } from './deliver-summary.js';
import { fileSummaryOf } from './file-summary.js';

/** After the submission's orchestrations are terminated: compensate storage durably, then tell the client. */
export const cancelSubmissionOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext) {
  const { submission: s, settings, retry, publicUrl } = context.df.getInput<CancelSubmissionInput>();
  const compensation = yield* callActivity(context, 'compensateSubmission', s.submissionId, retry);
  const summary: SubmissionSummary = {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    submissionId: s.submissionId,
    clientId: s.clientId,
    reference: s.reference ?? null,
    status: 'cancelled',
    receivedAt: s.receivedAt,
    completedAt: context.df.currentUtcDateTime.toISOString(),
    // Compensation removed the originals (or moved them out of reach into retention): no links.
    files: s.files.map((f) =>
      fileSummaryOf(s.submissionId, f, { state: 'failed', escalated: false, reason: CANCELLED_REASON }, { publicUrl, originalKept: false }),
    ),
    links: submissionLinksOf(publicUrl, s.submissionId),
  };
  const delivery = yield* deliverSummary(context, summary, s.webhook.url, cancelledDeliveryId(s.submissionId), settings, retry);
  return { compensation, delivery } satisfies Orchestrations['cancelSubmission']['output'];
};

export function registerCancelSubmission(): void {
  df.app.orchestration(ORCHESTRATION.cancelSubmission, cancelSubmissionOrchestrator);
}
