import * as df from 'durable-functions';
import type { InvocationContext } from '@azure/functions';
import type { BlobStore } from '../../adapters/blob-store/blob-store.js';
import type { JobQueue } from '../../adapters/job-queue/job-queue.js';
import { jobIdOf, type AnalysisJob } from '../../contracts/job.js';
import type { MediaContentType, MediaKind } from '../../contracts/media.js';
import { currentTraceparent } from '../../adapters/telemetry/traceparent.js';
import { tracedActivity } from './traced-activity.js';

export const ENQUEUE_ANALYSIS = 'enqueueAnalysis';

export interface EnqueueAnalysisInput {
  submissionId: string;
  fileId: string;
  blob: string;
  contentType: MediaContentType;
  mediaType: MediaKind;
  deadline: string;
  /** The analyzeFile instance the worker answers. */
  instanceId: string;
  traceparent?: string;
}

/** Read access to the original lasts past the deadline, so a late worker can still finish. */
const READ_URL_SLACK_MS = 24 * 60 * 60 * 1000;

/**
 * Puts the analysis job on the work queue. Its id is derived from submission and file, and the
 * callback is the instance's sendEventPostUri, so a re-run enqueues the very same job.
 */
export function createEnqueueAnalysis(deps: { queue: JobQueue<AnalysisJob>; blobs: BlobStore }) {
  return async (input: EnqueueAnalysisInput, context: InvocationContext): Promise<string> => {
    const jobId = jobIdOf(input.submissionId, input.fileId);
    const management = df.getClient(context).createHttpManagementPayload(input.instanceId);
    const job: AnalysisJob = {
      jobId,
      submissionId: input.submissionId,
      fileId: input.fileId,
      blob: input.blob,
      blobUrl: await deps.blobs.readUrl(input.blob, new Date(Date.parse(input.deadline) + READ_URL_SLACK_MS)),
      mediaType: input.mediaType,
      contentType: input.contentType,
      deadline: input.deadline,
      callback: { instanceId: input.instanceId, url: management.sendEventPostUri },
      // This activity's span: the worker's job span becomes its child.
      traceparent: currentTraceparent(),
    };
    await deps.queue.send(job, { messageId: jobId });
    return jobId;
  };
}

export function registerEnqueueAnalysis(deps: { queue: JobQueue<AnalysisJob>; blobs: BlobStore }): void {
  df.app.activity(ENQUEUE_ANALYSIS, {
    extraInputs: [df.input.durableClient()],
    handler: tracedActivity(ENQUEUE_ANALYSIS, createEnqueueAnalysis(deps)),
  });
}
