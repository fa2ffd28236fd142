import { SpanKind, type Span } from '@opentelemetry/api';
import type { BlobStore } from '../../adapters/blob-store/blob-store.js';
import { FILE_ID, OUTCOME, SUBMISSION_ID } from '../../adapters/telemetry/attributes.js';
import { inSpan } from '../../adapters/telemetry/in-span.js';
import { newsdeskMetrics } from '../../adapters/telemetry/metrics.js';
import type { AnalysisResult } from '../../contracts/analysis-result.js';
import { resultPrefix } from '../../contracts/ids.js';
import { ANALYSIS_COMPLETED, ANALYSIS_FAILED, type AnalysisJob } from '../../contracts/job.js';
import { clientReason } from './client-reason.js';
import { failureOf, type Fault } from './failure-reason.js';
import type { MediaOutcome } from './media-outcome.js';
import { onStorage } from './on-storage.js';
import { raiseAnalysisEvent } from './raise-analysis-event.js';
import { summarizeResult } from './summarize-result.js';
import type { SummaryOptions } from '../classification/summarize-image.js';
import { writeResults } from './write-results.js';

export interface JobDeps {
  blobs: BlobStore;
  /** True once the submission was cancelled: its jobs are dropped, not analysed. */
  submissionCancelled(submissionId: string): Promise<boolean>;
  /** Downloads and analyses the original (photo or video), classifier included. */
  analyzeMedia(job: AnalysisJob, signal?: AbortSignal): Promise<MediaOutcome>;
  worker: AnalysisResult['worker'];
  /** What the summary in AnalysisCompleted keeps of the classifier's answer (settings). */
  summary?: SummaryOptions;
  fetch?: typeof fetch;
}

export type JobOutcome =
  | { kind: 'completed'; resultBlob: string; event: 'raised' | 'gone' }
  | { kind: 'failed'; reason: string; event: 'raised' | 'gone' }
  | { kind: 'dropped'; reason: string }
  /** Nothing was reported: the job should come back (the classifier or storage may recover). `fault`: not the job's. */
  | { kind: 'retry'; reason: string; fault?: Fault };

/**
 * One analysis job, start to end. Everything it writes is named by submission and file, and the
 * event it raises is built from the content alone, so a redelivered job (a worker killed
 * mid-job, a lost lock) repeats the same effects; the orchestration takes the first event, and once it
 * has finished the job-events endpoint answers 403 to any later one.
 */
export function processJob(job: AnalysisJob, deps: JobDeps, signal?: AbortSignal): Promise<JobOutcome> {
  // A child of the activity that queued the job: the worker's part of the submission's trace.
  const attributes = { [SUBMISSION_ID]: job.submissionId, [FILE_ID]: job.fileId, 'newsdesk.media_type': job.mediaType };
  return inSpan('worker.job', { parent: job.traceparent, root: !job.traceparent, kind: SpanKind.CONSUMER, attributes }, async (span) => {
    const started = performance.now();
    const outcome = await runJob(job, deps, signal);
    span.setAttribute(OUTCOME, outcome.kind);
    newsdeskMetrics().analysisDuration.record(performance.now() - started, { media_type: job.mediaType, outcome: outcome.kind });
    return outcome;
  });
}

async function runJob(job: AnalysisJob, deps: JobDeps, signal?: AbortSignal): Promise<JobOutcome> {
  const cancelled = () => onStorage('check for cancellation', () => deps.submissionCancelled(job.submissionId));
  if (await cancelled()) return { kind: 'dropped', reason: 'the submission was cancelled' };

  let media: MediaOutcome;
  try {
    media = await deps.analyzeMedia(job, signal);
  } catch (error) {
    const failure = failureOf(error);
    if (failure.retryable || signal?.aborted)
      return { kind: 'retry', reason: failure.reason, ...(failure.fault && { fault: failure.fault }) };
    const event = await inSpan('event.raise', {}, () =>
      raiseAnalysisEvent(
        job,
        // The client sees this reason; the worker's log keeps the whole one (the outcome's).
        { name: ANALYSIS_FAILED, payload: { fileId: job.fileId, reason: clientReason(failure.reason) } },
        { signal, fetch: deps.fetch },
      ),
    );
    return { kind: 'failed', reason: failure.reason, event };
  }

  const result = {
    ...media.part,
    schemaVersion: 1,
    jobId: job.jobId,
    submissionId: job.submissionId,
    fileId: job.fileId,
    contentType: job.contentType,
    topics: media.topics,
    timings: media.timings,
    worker: deps.worker,
  } as AnalysisResult;
  // The duplicate index compares a video by its keyframes too: the orchestration gets their hashes with the event.
  const keyframeHashes = result.mediaType === 'video' ? { keyframeHashes: result.keyframes.map((k) => k.perceptualHash) } : {};
  const resultBlob = await inSpan('results.write', {}, () =>
    onStorage('write the results', () => writeResults(deps.blobs, result, media.files)),
  );
  const event = await inSpan('event.raise', {}, (span: Span) => {
    span.setAttribute('newsdesk.event', ANALYSIS_COMPLETED);
    return raiseAnalysisEvent(
      job,
      {
        name: ANALYSIS_COMPLETED,
        payload: { fileId: job.fileId, resultBlob, summary: summarizeResult(result, deps.summary), ...keyframeHashes },
      },
      { signal, fetch: deps.fetch },
    );
  });
  // Cancelled while we worked: the orchestration is gone, and so must be what we wrote.
  if (event === 'gone' && (await cancelled())) {
    await onStorage('delete the results', () => deps.blobs.deletePrefix(resultPrefix(job.submissionId, job.fileId)));
    return { kind: 'dropped', reason: 'the submission was cancelled during analysis' };
  }
  return { kind: 'completed', resultBlob, event };
}
