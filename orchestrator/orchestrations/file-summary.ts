import type { FileOutcome } from '../../contracts/analysis.js';
import { fileLinksOf } from '../../contracts/links.js';
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
  const analysis = outcome.state === 'completed' ? (outcome.result?.summary ?? null) : null;
  return {
    fileId: file.fileId,
    name: file.name,
    contentType: file.contentType,
    size: file.size,
    sha256: file.sha256,
    state: outcome.state,
    escalated: outcome.escalated,
    reason: outcome.reason ?? null,
    analysis,
    // The duplicate index fills these in; until it does, no file is reported as seen before.
    duplicates: [],
    links: fileLinksOf(publicUrl, submissionId, file.fileId, { analysis, originalKept }),
  };
}
