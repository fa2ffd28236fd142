import type { FileOutcome } from '../../contracts/analysis.js';
import { fileEntryOf } from '../../contracts/file-entry.js';
import type { SubmittedFile } from '../../contracts/submission.js';
import type { FileSummary } from '../../contracts/submission-summary.js';

/**
 * One file of the submission summary: what ingest recorded (name, size, SHA-256), how its analysis ended, and links
 * to its assets. Pure, so orchestrations may build it while they replay. `originalKept` is false after a cancellation,
 * which removes the originals.
 */
export function fileSummaryOf(
  submissionId: string,
  file: SubmittedFile,
  outcome: Omit<FileOutcome, 'fileId'>,
  { publicUrl, originalKept = true }: { publicUrl: string; originalKept?: boolean },
): FileSummary {
  const { state, escalated, reason = null, result } = outcome;
  // The duplicate index fills `duplicates` in; until it does, no file is reported as seen before.
  return fileEntryOf(publicUrl, submissionId, file, { state, escalated, reason, analysis: result?.summary, duplicates: [] }, originalKept);
}
