import * as df from 'durable-functions';
import type { InvocationContext } from '@azure/functions';
import type { BlobStore } from '../../adapters/blob-store/blob-store.js';
import type { JobQueue } from '../../adapters/job-queue/job-queue.js';
import { jobIdOf } from '../../contracts/ids.js';
import { JOB_EVENTS, type AnalysisJob } from '../../contracts/job.js';
import { currentTraceparent } from '../../adapters/telemetry/traceparent.js';
import { signJobToken } from '../../lib/job-token/sign-job-token.js';
import type { EnqueueAnalysisInput } from './catalog.js';
import { registerActivity } from './register-activity.js';

/** Read access to the original lasts past the deadline, so a late worker can still finish. */
const READ_URL_SLACK_MS = 24 * 60 * 60 * 1000;

export interface EnqueueAnalysisDeps {
  queue: JobQueue<AnalysisJob>;
  blobs: BlobStore;
  /** Signs each job's token (NEWSDESK_JOB_TOKEN_KEY); workers never hold it. */
  jobTokenKey: string;
}

/**
 * Puts the analysis job on the work queue. Its id, its callback and the callback's token are derived from submission,
 * file and deadline, so a re-run enqueues the very same job. The callback is the app's job-events endpoint, never the
 * Durable API's sendEventPostUri, whose `code=` is the host-wide durabletask_extension key.
 */
export function createEnqueueAnalysis(deps: EnqueueAnalysisDeps) {
  return async (input: EnqueueAnalysisInput, context: InvocationContext): Promise<string> => {
    const jobId = jobIdOf(input.submissionId, input.fileId);
    // The app's own address as the Functions host knows it (WEBSITE_HOSTNAME): only the origin is kept, not the key.
    const origin = new URL(df.getClient(context).createHttpManagementPayload(input.instanceId).sendEventPostUri).origin;
    // The instance waits for the worker until the deadline, then for the grace period: the token lasts as long.
    const expiresAt = Math.ceil((Date.parse(input.deadline) + input.graceMs) / 1000);
    const job: AnalysisJob = {
      jobId,
      submissionId: input.submissionId,
      fileId: input.fileId,
      blob: input.blob,
      blobUrl: await deps.blobs.readUrl(input.blob, new Date(Date.parse(input.deadline) + READ_URL_SLACK_MS)),
      mediaType: input.mediaType,
      contentType: input.contentType,
      deadline: input.deadline,
      callback: {
        instanceId: input.instanceId,
        url: `${origin}/api/jobs/${encodeURIComponent(jobId)}/events/{eventName}`,
        token: signJobToken(deps.jobTokenKey, { jobId, instanceId: input.instanceId, events: JOB_EVENTS, expiresAt }),
      },
      // This activity's span: the worker's job span becomes its child.
      traceparent: currentTraceparent(),
    };
    await deps.queue.send(job, { messageId: jobId });
    return jobId;
  };
}

export function registerEnqueueAnalysis(deps: EnqueueAnalysisDeps): void {
  registerActivity('enqueueAnalysis', createEnqueueAnalysis(deps), [df.input.durableClient()]);
}
