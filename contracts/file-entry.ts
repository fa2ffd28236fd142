import type { FileAnalysis } from './file-analysis.js';
import { fileLinksOf } from './links.js';
import type { SubmittedFile } from './submission.js';
import type { Duplicate, FileSummary } from './submission-summary.js';

/**
 * One file in the webhook's per-file shape (contracts/submission-summary.ts), with any state: the summary's entries
 * have a final state, the status API's may still be in progress (`queued`, `received`, ...).
 */
export type FileEntry<S extends string> = Omit<FileSummary, 'state'> & { state: S };

/** How a file's analysis stands, as far as the entry shows it. */
export interface FileEntryState<S extends string> {
  state: S;
  escalated: boolean;
  reason: string | null;
  analysis?: FileAnalysis | null;
  duplicates: Duplicate[];
}

/**
 * The one place a file entry is built, for the summary and the status API alike, so the two never drift apart. Pure.
 * The analysis shows only once the file completed, and the links name only the assets that exist (`originalKept`
 * false after a cancellation removed the original).
 */
export function fileEntryOf<S extends string>(
  publicUrl: string,
  submissionId: string,
  file: SubmittedFile,
  { state, escalated, reason, analysis, duplicates }: FileEntryState<S>,
  originalKept: boolean,
): FileEntry<S> {
  const shown = state === 'completed' ? (analysis ?? null) : null;
  return {
    fileId: file.fileId,
    name: file.name,
    contentType: file.contentType,
    size: file.size,
    sha256: file.sha256,
    state,
    escalated,
    reason,
    analysis: shown,
    duplicates,
    links: fileLinksOf(publicUrl, submissionId, file.fileId, { analysis: shown, originalKept }),
  };
}
