import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import type { FileOutcome } from '../../contracts/analysis.js';
import { ORCHESTRATION, type AnalyzeFileInput } from '../../contracts/orchestrations.js';
import { callActivity } from './call-activity.js';
import { raceAnalysis } from './race-analysis.js';

/**
 * One file (instance id: `fileInstanceId`): put a job on the work queue, then wait for the worker's
 * event against a durable timer. When the timer wins, escalate and keep waiting for a grace period
 * (a person may supply the analysis, or a late worker may still answer), then give up as timed-out.
 */
export const analyzeFileOrchestrator: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = context.df.getInput<AnalyzeFileInput>();
  const { retry } = input;
  const deadline = new Date(context.df.currentUtcDateTime.getTime() + input.timeoutMs);
  yield* callActivity(context, 'enqueueAnalysis', { ...input, deadline: deadline.toISOString(), instanceId: context.df.instanceId }, retry);
  let outcome = yield* raceAnalysis(context, deadline);
  let escalated = false;
  if (outcome.kind === 'timeout') {
    escalated = true;
    const graceUntil = new Date(context.df.currentUtcDateTime.getTime() + input.graceMs);
    yield* callActivity(
      context,
      'recordFileState',
      {
        submissionId: input.submissionId,
        outcome: { fileId: input.fileId, state: 'escalated', escalated: true },
        graceUntil: graceUntil.toISOString(),
        traceparent: input.traceparent,
      },
      retry,
    );
    try {
      const escalation = {
        submissionId: input.submissionId,
        fileId: input.fileId,
        deadline: deadline.toISOString(),
        graceUntil: graceUntil.toISOString(),
        traceparent: input.traceparent,
      };
      // Retried no longer than the grace period it announces.
      yield* callActivity(context, 'escalateAnalysis', escalation, { ...retry, windowMs: Math.min(retry.windowMs, input.graceMs) });
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
  yield* callActivity(
    context,
    'recordFileState',
    { submissionId: input.submissionId, outcome: result, traceparent: input.traceparent },
    retry,
  );
  return result;
};

export function registerAnalyzeFile(): void {
  df.app.orchestration(ORCHESTRATION.analyzeFile, analyzeFileOrchestrator);
}
