import { z } from 'zod';
import { mediaContentType, mediaKind } from './media.js';

export const ANALYSIS_COMPLETED = 'AnalysisCompleted';
export const ANALYSIS_FAILED = 'AnalysisFailed';
/** The events a worker may raise on its job's instance: all a job token allows. */
export const JOB_EVENTS = [ANALYSIS_COMPLETED, ANALYSIS_FAILED] as const;

/** The header that carries the job token (not `Authorization`, which App Service authentication would take for an Entra token). */
export const JOB_TOKEN_HEADER = 'newsdesk-job-token';

/** An analysis job on the work queue: one file of one submission. Its id is derived (`jobIdOf`), so a re-sent job is the same job. */
export const analysisJob = z.object({
  jobId: z.string().min(1),
  submissionId: z.string().min(1),
  fileId: z.string().min(1),
  /** `container/name` of the original, and a short-lived read SAS URL for it. */
  blob: z.string().min(1),
  blobUrl: z.url(),
  mediaType: mediaKind,
  contentType: mediaContentType,
  deadline: z.iso.datetime(),
  /**
   * Where the worker raises AnalysisCompleted / AnalysisFailed: the app's `POST /api/jobs/{jobId}/events/{eventName}`
   * (`{eventName}` left in), with `token` in the `newsdesk-job-token` header: a capability for this job's instance and
   * these events only, until the job's deadline and grace period end (docs/security.md). Never a Durable system key.
   */
  callback: z.object({ instanceId: z.string().min(1), url: z.string().includes('{eventName}'), token: z.string().min(1) }),
  /** W3C trace context of the activity that queued the job: the worker's spans join the submission's trace. Optional: older jobs lack it. */
  traceparent: z.string().max(256).optional(),
});
export type AnalysisJob = z.infer<typeof analysisJob>;

/**
 * The file a job is about, as the orchestrations know it before the job is queued (their
 * `traceparent` is the submission's); the enqueue activity adds the id, the read URL and the callback.
 */
export type JobFile = Pick<AnalysisJob, 'submissionId' | 'fileId' | 'blob' | 'contentType' | 'mediaType' | 'traceparent'>;
