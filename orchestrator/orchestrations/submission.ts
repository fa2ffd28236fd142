import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import type { FileOutcome } from '../../contracts/analysis.js';
import { mediaKindOf } from '../../contracts/media.js';
import type { SubmissionReceived } from '../../contracts/submission.js';
import type { SubmissionSummary } from '../../contracts/webhook.js';
import { MARK_SUBMISSION } from '../activities/mark-submission.js';
import { WRITE_SUMMARY } from '../activities/write-summary.js';
import { ANALYZE_FILE, analyzeFileInstanceId, type AnalyzeFileInput } from './analyze-file.js';
import { deliverSummary } from './deliver-summary.js';
import type { PipelineSettings } from './pipeline-settings.js';

export const SUBMISSION_ORCHESTRATION = 'submission';

export interface SubmissionInput {
  submission: SubmissionReceived;
  settings: PipelineSettings;
}

function statusOf(files: FileOutcome[]): SubmissionSummary['status'] {
  const completed = files.filter((f) => f.state === 'completed').length;
  if (completed === files.length) return 'completed';
  return completed === 0 ? 'failed' : 'partial';
}

/**
 * One instance per submission (instanceId = submissionId): one analyzeFile sub-orchestration per
 * file (fan-out), progress in custom status as each finishes (fan-in), the summary written to
 * results/{submissionId}/summary.json, then delivered to the client's webhook.
 */
export const submissionOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext) {
  const { submission: s, settings } = context.df.getInput<SubmissionInput>();
  // Passed through to every activity, which starts its span in the submission's trace (no spans here: this code replays).
  const { traceparent } = s;
  const states: Record<string, { state: string; reason?: string; escalated?: boolean }> = Object.fromEntries(
    s.files.map((f) => [f.fileId, { state: 'queued' }]),
  );
  const publish = (state: string, extra: Record<string, unknown> = {}) => context.df.setCustomStatus({ state, files: states, ...extra });
  publish('processing');
  yield context.df.callActivity(MARK_SUBMISSION, { submissionId: s.submissionId, status: 'processing', traceparent });

  const timeoutMs = settings.analysisTimeoutMs[s.priority];
  // Fan-in with Task.all: re-yielding already scheduled tasks in a new Task.any would schedule
  // them again (a limit of the SDK's replay protocol). Per-file progress is recorded by each
  // analyzeFile as it finishes, and shown by the status API.
  const outcomes = (yield context.df.Task.all(
    s.files.map((f) => {
      const input: AnalyzeFileInput = {
        submissionId: s.submissionId,
        fileId: f.fileId,
        blob: f.blob,
        contentType: f.contentType,
        mediaType: mediaKindOf(f.contentType),
        timeoutMs,
        graceMs: settings.graceMs,
        traceparent,
      };
      return context.df.callSubOrchestrator(ANALYZE_FILE, input, analyzeFileInstanceId(s.submissionId, f.fileId));
    }),
  )) as FileOutcome[];
  outcomes.forEach((o) => (states[o.fileId] = { state: o.state, reason: o.reason, escalated: o.escalated }));
  const byId = new Map(outcomes.map((o) => [o.fileId, o]));

  const files = s.files.map((f) => ({ ...byId.get(f.fileId)!, name: f.name, contentType: f.contentType }));
  const summary: SubmissionSummary = {
    submissionId: s.submissionId,
    clientId: s.clientId,
    reference: s.reference ?? null,
    status: statusOf(files),
    receivedAt: s.receivedAt,
    completedAt: context.df.currentUtcDateTime.toISOString(),
    files,
    links: { summary: `results/${s.submissionId}/summary.json` },
  };
  // Independent writes: in parallel, one round trip instead of two before the client hears back.
  yield context.df.Task.all([
    context.df.callActivity(WRITE_SUMMARY, { ...summary, traceparent }),
    context.df.callActivity(MARK_SUBMISSION, { submissionId: s.submissionId, status: summary.status, traceparent }),
  ]);
  publish('delivering', { status: summary.status });
  const delivery = yield* deliverSummary(context, summary, s.webhook.url, `${s.submissionId}.1`, settings.delivery, traceparent);
  publish(summary.status, { status: summary.status, delivery });
  return { ...summary, delivery };
};

export function registerSubmissionOrchestrator(): void {
  df.app.orchestration(SUBMISSION_ORCHESTRATION, submissionOrchestrator);
}
