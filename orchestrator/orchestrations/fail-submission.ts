import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import { fileEntryOf } from '../../contracts/file-entry.js';
import { failedDeliveryId } from '../../contracts/ids.js';
import { submissionLinksOf } from '../../contracts/links.js';
import { ORCHESTRATION, type FailSubmissionInput, type Orchestrations } from '../../contracts/orchestrations.js';
import { SUMMARY_SCHEMA_VERSION, type SubmissionSummary } from '../../contracts/submission-summary.js';
import { callActivity } from './call-activity.js';
import { deliverSummary } from './deliver-summary.js';

/**
 * Started by the reconciler once it has marked a dead submission failed (instance id: `failedInstanceId`): tells
 * operations, then delivers a `failed` summary through the same signed, retried delivery as every other summary.
 */
export const failSubmissionOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = context.df.getInput<FailSubmissionInput>();
  const { submission: s, publicUrl } = input;
  try {
    yield* callActivity(
      context,
      'reportFailedSubmission',
      { submissionId: s.submissionId, reason: input.reason, found: input.found },
      input.retry,
    );
  } catch {
    // Operations' endpoint stayed down: the client is told all the same (the event's failure is in the logs).
  }
  const summary: SubmissionSummary = {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    submissionId: s.submissionId,
    clientId: s.clientId,
    reference: s.reference ?? null,
    status: 'failed',
    receivedAt: s.receivedAt,
    completedAt: context.df.currentUtcDateTime.toISOString(),
    files: s.files.map((f) => {
      const ended = input.files[f.fileId] ?? { state: 'failed', escalated: false, reason: input.reason };
      return fileEntryOf(publicUrl, s.submissionId, f, { ...ended, duplicates: [] }, true);
    }),
    links: submissionLinksOf(publicUrl, s.submissionId),
  };
  const delivery = yield* deliverSummary(context, summary, s.webhook.url, failedDeliveryId(s.submissionId), input.settings, input.retry);
  return delivery satisfies Orchestrations['failSubmission']['output'];
};

export function registerFailSubmission(): void {
  df.app.orchestration(ORCHESTRATION.failSubmission, failSubmissionOrchestrator);
}
