import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import type { FileOutcome } from '../../contracts/analysis.js';
import type { MediaContentType, MediaKind } from '../../contracts/media.js';
import { ENQUEUE_ANALYSIS, type EnqueueAnalysisInput } from '../activities/enqueue-analysis.js';
import { ESCALATE_ANALYSIS } from '../activities/escalate-analysis.js';
import { RECORD_FILE_STATE } from '../activities/record-file-state.js';
import { raceAnalysis } from './race-analysis.js';

export const ANALYZE_FILE = 'analyzeFile';

const ESCALATION_RETRY = new df.RetryOptions(5_000, 3);

export interface AnalyzeFileInput {
  submissionId: string;
  fileId: string;
  blob: string;
  contentType: MediaContentType;
  mediaType: MediaKind;
  /** How long analysis may take before escalation, and how long a person then has. */
  timeoutMs: number;
  graceMs: number;
  /** The submission's trace context, handed on to the activities (and through the job to the worker). */
  traceparent?: string;
}

/** Instance id of a file's sub-orchestration: derived, so the worker's callback and replays agree. */
export const analyzeFileInstanceId = (submissionId: string, fileId: string): string => `${submissionId}.${fileId}`;

/**
 * One file: put a job on the work queue, then wait for the worker's event against a durable timer.
 * When the timer wins, escalate and keep waiting for a grace period (a person may supply the
 * analysis, or a late worker may still answer), then give up as timed-out.
 */
export const analyzeFileOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = context.df.getInput<AnalyzeFileInput>();
  const deadline = new Date(context.df.currentUtcDateTime.getTime() + input.timeoutMs);
  const job: EnqueueAnalysisInput = { ...input, deadline: deadline.toISOString(), instanceId: context.df.instanceId };
  yield context.df.callActivity(ENQUEUE_ANALYSIS, job);
  let outcome = yield* raceAnalysis(context, deadline);
  let escalated = false;
  if (outcome.kind === 'timeout') {
    escalated = true;
    const graceUntil = new Date(context.df.currentUtcDateTime.getTime() + input.graceMs);
    yield context.df.callActivity(RECORD_FILE_STATE, {
      submissionId: input.submissionId,
      outcome: { fileId: input.fileId, state: 'escalated', escalated: true },
      traceparent: input.traceparent,
    });
    try {
      yield context.df.callActivityWithRetry(ESCALATE_ANALYSIS, ESCALATION_RETRY, {
        submissionId: input.submissionId,
        fileId: input.fileId,
        deadline: deadline.toISOString(),
        graceUntil: graceUntil.toISOString(),
        traceparent: input.traceparent,
      });
    } catch {
      // Escalation is a notification: if Event Grid and the ops webhook stay down, the file still waits out its grace period.
    }
    outcome = yield* raceAnalysis(context, graceUntil);
  }
  const result: FileOutcome =
    outcome.kind === 'completed'
      ? { fileId: input.fileId, state: 'completed', escalated, result: outcome.result }
      : outcome.kind === 'failed'
        ? { fileId: input.fileId, state: 'failed', escalated, reason: outcome.reason }
        : { fileId: input.fileId, state: 'timed-out', escalated, reason: 'no analysis within the deadline and the grace period' };
  yield context.df.callActivity(RECORD_FILE_STATE, { submissionId: input.submissionId, outcome: result, traceparent: input.traceparent });
  return result;
};

export function registerAnalyzeFile(): void {
  df.app.orchestration(ANALYZE_FILE, analyzeFileOrchestrator);
}
