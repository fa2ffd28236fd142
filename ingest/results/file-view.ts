import type { SubmittedFile } from '../../contracts/submission.js';
import type { FileAnalysis } from '../../contracts/file-analysis.js';
import { fileEntryOf } from '../../contracts/file-entry.js';
import { CANCELLED_REASON, type FileSummary } from '../../contracts/submission-summary.js';

/** Where a file's analysis stands: recorded by its analyzeFile, or published by the submission orchestration. */
export interface FileProgress {
  state: string;
  reason?: string;
  escalated?: boolean;
  analysis?: FileAnalysis;
}

/**
 * One file as the client sees it, in the webhook's per-file shape (contracts/submission-summary.ts) whatever its state:
 * once the summary is written its entry there is the final word; before, the recorded progress. Links are absolute
 * under `origin` and, as in the webhook, name only the assets that exist. A cancelled submission's files read as its
 * `cancelled` webhook said: failed, with nothing left to link to (compensation removed the results and originals).
 */
export function fileView(
  submissionId: string,
  file: SubmittedFile,
  progress: FileProgress,
  delivered: FileSummary | undefined,
  { origin, cancelled }: { origin: string; cancelled: boolean },
) {
  if (cancelled) {
    const entry = { state: 'failed', escalated: progress.escalated ?? false, reason: CANCELLED_REASON, duplicates: [] };
    return fileEntryOf(origin, submissionId, file, entry, false);
  }
  const entry = {
    state: delivered?.state ?? progress.state,
    escalated: delivered?.escalated ?? progress.escalated ?? false,
    reason: delivered ? delivered.reason : (progress.reason ?? null),
    analysis: delivered?.analysis ?? progress.analysis,
    duplicates: delivered?.duplicates ?? [],
  };
  return fileEntryOf(origin, submissionId, file, entry, true);
}
export type FileView = ReturnType<typeof fileView>;
