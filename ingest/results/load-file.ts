import type { SubmissionRecord } from '../../adapters/ingest-store/ingest-store.js';
import type { SubmittedFile } from '../../contracts/submission.js';
import type { IngestDeps } from '../deps.js';
import { HttpError } from '../http/http-error.js';
import { loadOwnSubmission } from '../submissions/load-submission.js';

/** A file of a submission the client owns; an unknown file, as another client's submission, is not found. */
export async function loadOwnFile(
  deps: Pick<IngestDeps, 'store'>,
  clientId: string,
  params: { id?: string; fileId?: string },
): Promise<{ record: SubmissionRecord; file: SubmittedFile }> {
  const record = await loadOwnSubmission(deps, clientId, params.id ?? '');
  const fileId = params.fileId ?? '';
  const file = record.files.find((f) => f.fileId === fileId);
  if (!file) {
    const known = record.files.map((f) => f.fileId).join(', ');
    throw new HttpError(
      404,
      'file-not-found',
      'File not found',
      `No file '${fileId}' in submission '${record.submissionId}'; it has ${known}.`,
    );
  }
  return { record, file };
}
