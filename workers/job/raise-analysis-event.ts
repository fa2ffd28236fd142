import { JOB_TOKEN_HEADER, type ANALYSIS_COMPLETED, type ANALYSIS_FAILED, type AnalysisJob } from '../../contracts/job.js';
import type { AnalysisCompleted, AnalysisFailed } from '../../contracts/analysis.js';
import { CallbackFailed } from './job-errors.js';

export type AnalysisEvent =
  { name: typeof ANALYSIS_COMPLETED; payload: AnalysisCompleted } | { name: typeof ANALYSIS_FAILED; payload: AnalysisFailed };

/**
 * Raises the event on the file's orchestration through the app's job-events endpoint, with the job's token.
 * `gone` means the instance no longer waits — it finished (a duplicate or late answer), was terminated (the
 * submission was cancelled) or purged — or the token no longer allows it (403: the job closed or expired);
 * the job is over either way, since raising again cannot succeed.
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
      headers: { 'content-type': 'application/json', [JOB_TOKEN_HEADER]: job.callback.token },
      body: JSON.stringify(event.payload),
      signal: options.signal,
    });
  } catch (error) {
    throw new CallbackFailed(`the orchestration's callback could not be reached: ${(error as Error).message}`, { cause: error });
  }
  await res.body?.cancel();
  if (res.status === 202) return 'raised';
  if (res.status === 403) return 'gone';
  throw new CallbackFailed(`the orchestration's callback answered HTTP ${res.status}`);
}
