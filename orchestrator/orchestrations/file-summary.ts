import type { FileOutcome } from '../../contracts/analysis.js';
import { fileEntryOf } from '../../contracts/file-entry.js';
import type { SubmittedFile } from '../../contracts/submission.js';
import type { Duplicate, FileSummary } from '../../contracts/submission-summary.js';

/**
 * One file of the submission summary: what ingest recorded (name, size, SHA-256), how its analysis ended, and links
 * to its assets, and its earlier copies (none unless given: a cancelled submission's files are not compared). Pure, so
 * orchestrations may build it while they replay. `originalKept` is false after a cancellation, which removes the originals.
 */
export function fileSummaryOf(
  submissionId: string,
  file: SubmittedFile,
  outcome: Omit<FileOutcome, 'fileId'>,
  { publicUrl, originalKept = true, duplicates = [] }: { publicUrl: string; originalKept?: boolean; duplicates?: Duplicate[] },
): FileSummary {
  const { state, escalated, reason = null, result } = outcome;
  return fileEntryOf(publicUrl, submissionId, file, { state, escalated, reason, analysis: result?.summary, duplicates }, originalKept);
}
