import type { ANALYSIS_COMPLETED, ANALYSIS_FAILED, AnalysisJob } from '../../contracts/job.js';
import type { AnalysisCompleted, AnalysisFailed } from '../../contracts/analysis.js';
import { CallbackFailed } from './job-errors.js';

export type AnalysisEvent =
  { name: typeof ANALYSIS_COMPLETED; payload: AnalysisCompleted } | { name: typeof ANALYSIS_FAILED; payload: AnalysisFailed };

/**
 * Raises the event on the file's orchestration through the Durable HTTP API (`sendEventPostUri`).
 * `gone` means the instance no longer waits — it finished (a duplicate or late answer), was
 * terminated (the submission was cancelled) or purged — and the job is over either way.
 */
export async function raiseAnalysisEvent(
  job: AnalysisJob,
  event: AnalysisEvent,
  options: { signal?: AbortSignal; fetch?: typeof fetch } = {},
): Promise<'raised' | 'gone'> {
  const url = job.callback.url.replace('{eventName}', encodeURIComponent(event.name));
  let res: Response;
  try {
    res = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event.payload),
      signal: options.signal,
    });
  } catch (error) {
    throw new CallbackFailed(`the orchestration's callback could not be reached: ${(error as Error).message}`, { cause: error });
  }
  await res.body?.cancel();
  if (res.status === 202 || res.status === 200) return 'raised';
  if (res.status === 410 || res.status === 404) return 'gone';
  throw new CallbackFailed(`the orchestration's callback answered HTTP ${res.status}`);
}
