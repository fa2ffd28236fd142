import type { OrchestrationContext, Task } from 'durable-functions';
import { ANALYSIS_COMPLETED, ANALYSIS_FAILED } from '../../contracts/job.js';
import { analysisCompleted, analysisFailed, type AnalysisCompleted } from '../../contracts/analysis.js';

export type RaceOutcome = { kind: 'completed'; result: AnalysisCompleted } | { kind: 'failed'; reason: string } | { kind: 'timeout' };

/**
 * Waits for AnalysisCompleted or AnalysisFailed until `until`, whichever comes first, and cancels
 * the timer when an event wins. An event whose payload does not parse counts as a failure with
 * that reason (the worker's bug must not hang the submission).
 */
export function* raceAnalysis(context: OrchestrationContext, until: Date): Generator<Task, RaceOutcome, unknown> {
  const completed = context.df.waitForExternalEvent(ANALYSIS_COMPLETED);
  const failed = context.df.waitForExternalEvent(ANALYSIS_FAILED);
  const timer = context.df.createTimer(until);
  const winner = yield context.df.Task.any([completed, failed, timer]);
  if (winner === timer) return { kind: 'timeout' };
  timer.cancel();
  if (winner === completed) {
    const parsed = analysisCompleted.safeParse(completed.result);
    return parsed.success
      ? { kind: 'completed', result: parsed.data }
      : { kind: 'failed', reason: `invalid AnalysisCompleted payload: ${parsed.error.message}` };
  }
  const parsed = analysisFailed.safeParse(failed.result);
  return { kind: 'failed', reason: parsed.success ? parsed.data.reason : 'AnalysisFailed without a reason' };
}
