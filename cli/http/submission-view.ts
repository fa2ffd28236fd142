import type { FileSummary } from '../../contracts/submission-summary.js';

/** The parts of `GET /api/submissions/{id}` the command line reads; files are in the webhook's per-file shape. */
export interface SubmissionView {
  submissionId: string;
  status: string;
  reference: string | null;
  progress: { done: number; total: number };
  files: (Omit<FileSummary, 'state'> & { state: string })[];
}

/** The states a submission ends in: `--wait` stops there. */
export const FINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'partial', 'failed', 'cancelled']);
