import type { SubmissionRecord } from '../../adapters/ingest-store/ingest-store.js';
import type { IngestDeps } from '../deps.js';
import { HttpError } from '../http/http-error.js';

/** A submission the client owns; another client's submission is reported as not found, not forbidden. */
export async function loadOwnSubmission(
  deps: Pick<IngestDeps, 'store'>,
  clientId: string,
  submissionId: string,
): Promise<SubmissionRecord> {
  const record = /^[A-Za-z0-9_-]{1,100}$/.test(submissionId) ? await deps.store.getSubmission(submissionId) : undefined;
  if (!record || record.clientId !== clientId)
    throw new HttpError(404, 'submission-not-found', 'Submission not found', `No submission '${submissionId}' for this client.`);
  return record;
}
