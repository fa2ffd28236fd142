import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import { deliveryIdOf, fileInstanceId } from '../../contracts/ids.js';
import { submissionLinksOf } from '../../contracts/links.js';
import { mediaKindOf } from '../../contracts/media.js';
import { ORCHESTRATION, type Orchestrations, type SubmissionInput } from '../../contracts/orchestrations.js';
import type { FileProgress, ProgressStatus } from '../../contracts/progress-status.js';
import { SUMMARY_SCHEMA_VERSION, type FileSummary, type SubmissionSummary } from '../../contracts/submission-summary.js';
import { callActivity } from './call-activity.js';
import { deliverSummary } from './deliver-summary.js';
import { duplicatesOf } from './duplicates-of.js';
import { fileSummaryOf } from './file-summary.js';
import { subOrchestrationTask } from './sub-orchestration-task.js';

function statusOf(files: FileSummary[]): SubmissionSummary['status'] {
  const completed = files.filter((f) => f.state === 'completed').length;
  if (completed === files.length) return 'completed';
  return completed === 0 ? 'failed' : 'partial';
}

/**
 * One instance per submission (`submissionInstanceId`): one analyzeFile sub-orchestration per
 * file (fan-out), progress in custom status as each finishes (fan-in), the completed files compared with the
 * client's earlier ones (duplicatesOf), the summary written to
 * results/{submissionId}/summary.json, then delivered to the client's webhook.
 */
export const submissionOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext) {
  const { submission: s, settings } = context.df.getInput<SubmissionInput>();
  // Passed through to every activity, which starts its span in the submission's trace (no spans here: this code replays).
  const { traceparent } = s;
  const retry = settings.activityRetry;
  const states: Record<string, FileProgress> = Object.fromEntries(
    s.files.map((f) => [f.fileId, { state: 'queued' } satisfies FileProgress]),
  );
  const publish = ({ state, ...extra }: Omit<ProgressStatus, 'files'>) =>
    context.df.setCustomStatus({ state, files: states, ...extra } satisfies ProgressStatus);
  publish({ state: 'processing' });
  yield* callActivity(context, 'markSubmission', { submissionId: s.submissionId, status: 'processing', traceparent }, retry);

  const timeoutMs = settings.analysisTimeoutMs[s.priority];
  // Fan-in with Task.all: re-yielding already scheduled tasks in a new Task.any would schedule
  // them again (a limit of the SDK's replay protocol). Per-file progress is recorded by each
  // analyzeFile as it finishes, and shown by the status API.
  const outcomes = (yield context.df.Task.all(
    s.files.map((f) =>
      subOrchestrationTask(
        context,
        'analyzeFile',
        {
          submissionId: s.submissionId,
          fileId: f.fileId,
          blob: f.blob,
          contentType: f.contentType,
          mediaType: mediaKindOf(f.contentType),
          timeoutMs,
          graceMs: settings.graceMs,
          retry,
          traceparent,
        },
        fileInstanceId(s.submissionId, f.fileId),
      ),
    ),
  )) as Orchestrations['analyzeFile']['output'][];
  outcomes.forEach((o) => (states[o.fileId] = { state: o.state, reason: o.reason, escalated: o.escalated }));
  const byId = new Map(outcomes.map((o) => [o.fileId, o]));

  const duplicates = yield* duplicatesOf(context, s, byId, retry);
  const files = s.files.map((f) =>
    fileSummaryOf(s.submissionId, f, byId.get(f.fileId)!, { publicUrl: settings.publicUrl, duplicates: duplicates[f.fileId] }),
  );
  const summary: SubmissionSummary = {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    submissionId: s.submissionId,
    clientId: s.clientId,
    reference: s.reference ?? null,
    status: statusOf(files),
    receivedAt: s.receivedAt,
    completedAt: context.df.currentUtcDateTime.toISOString(),
    files,
    links: submissionLinksOf(settings.publicUrl, s.submissionId),
  };
  // One after the other, each retried on its own: a parallel pair would have to repeat both when one meets an outage.
  yield* callActivity(context, 'writeSummary', { ...summary, traceparent }, retry);
  yield* callActivity(context, 'markSubmission', { submissionId: s.submissionId, status: summary.status, traceparent }, retry);
  publish({ state: 'delivering', status: summary.status });
  const deliveryId = deliveryIdOf(s.submissionId, 1);
  const delivery = yield* deliverSummary(context, summary, s.webhook.url, deliveryId, settings.delivery, retry, traceparent);
  publish({ state: summary.status, status: summary.status, delivery });
  return { ...summary, delivery } satisfies Orchestrations['submission']['output'];
};

export function registerSubmissionOrchestrator(): void {
  df.app.orchestration(ORCHESTRATION.submission, submissionOrchestrator);
}
