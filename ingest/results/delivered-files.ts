import type { SubmissionRecord } from '../../adapters/ingest-store/ingest-store.js';
import { summaryBlobOf } from '../../contracts/ids.js';
import { submissionSummary, type FileSummary } from '../../contracts/submission-summary.js';
import type { IngestDeps } from '../deps.js';

// A cancelled submission's notice is delivered but never written: its files' view is fixed (file-view.ts).
const ENDED = new Set<SubmissionRecord['status']>(['completed', 'partial', 'failed']);

/**
 * Each file's entry in the summary the webhook delivered (`results/{id}/summary.json`), by file id; empty until the
 * submission ended (only then is one written), so a status poll in progress reads no blob.
 */
export async function deliveredFiles(deps: Pick<IngestDeps, 'blobs'>, record: SubmissionRecord): Promise<Map<string, FileSummary>> {
  if (!ENDED.has(record.status)) return new Map();
  const parsed = submissionSummary.safeParse(await deps.blobs.readJson(summaryBlobOf(record.submissionId)));
  // Not written yet (the status is marked beside the write): the recorded progress stands in until it is.
  return new Map(parsed.success ? parsed.data.files.map((f) => [f.fileId, f]) : []);
}
