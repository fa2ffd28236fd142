import type { SubmissionRecord } from '../../adapters/ingest-store/ingest-store.js';
import type { IngestDeps } from '../deps.js';
import { HttpError } from '../http/http-error.js';

/** Any client's submission, for the staff endpoints (which see them all), or 404. */
export async function loadStaffSubmission(deps: Pick<IngestDeps, 'store'>, submissionId: string): Promise<SubmissionRecord> {
  const record = /^[A-Za-z0-9_-]{1,100}$/.test(submissionId) ? await deps.store.getSubmission(submissionId) : undefined;
  if (!record) throw new HttpError(404, 'submission-not-found', 'Submission not found', `No submission '${submissionId}'.`);
  return record;
}
