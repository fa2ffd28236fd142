import { z } from 'zod';
import { mediaContentType, mediaKind } from './media.js';

export const ANALYSIS_COMPLETED = 'AnalysisCompleted';
export const ANALYSIS_FAILED = 'AnalysisFailed';

/** An analysis job on the work queue: one file of one submission. Its id is derived, so a re-sent job is the same job. */
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
  /** Where the worker raises AnalysisCompleted / AnalysisFailed: the Durable HTTP API `sendEventPostUri` (`{eventName}` left in). */
  callback: z.object({ instanceId: z.string().min(1), url: z.string().includes('{eventName}') }),
  /** W3C trace context of the activity that queued the job: the worker's spans join the submission's trace. Optional: older jobs lack it. */
  traceparent: z.string().max(256).optional(),
});
export type AnalysisJob = z.infer<typeof analysisJob>;

export const jobIdOf = (submissionId: string, fileId: string): string => `${submissionId}.${fileId}`;
