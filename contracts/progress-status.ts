import type { FileState } from './analysis.js';
import type { DeliveryResult } from './orchestrations.js';
import type { SubmissionSummary } from './submission-summary.js';

/** One file as the submission orchestration last published it. */
export interface FileProgress {
  state: FileState;
  reason?: string;
  escalated?: boolean;
}

/**
 * The submission orchestration's custom status, which the status API merges into its view. Per-file
 * states arrive here only at fan-in; each file's own progress is recorded by its analyzeFile.
 */
export interface ProgressStatus {
  state: 'processing' | 'delivering' | SubmissionSummary['status'];
  files: Record<string, FileProgress>;
  /** From `delivering` on: the submission's outcome; `delivery` once the summary's delivery ended. */
  status?: SubmissionSummary['status'];
  delivery?: DeliveryResult;
}
