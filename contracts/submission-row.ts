/** Where a submission stands, as the client API, the desk and the live feeds name it. */
export type SubmissionState = 'received' | 'processing' | 'completed' | 'partial' | 'failed' | 'cancelled';

/** How a submission came in: a multipart POST, an upload session, or an e-mail. */
export type SubmissionChannel = 'http' | 'upload-session' | 'email';

/**
 * One submission as the desk's list and the live feeds (`GET /api/staff/events`, `GET /api/submissions/events`) send
 * it: made from the stored record and its facets alone, so a page of rows costs one read.
 */
export interface SubmissionRow {
  submissionId: string;
  clientId: string;
  clientName: string;
  status: SubmissionState;
  channel: SubmissionChannel;
  reference: string | null;
  fileCount: number;
  done: number;
  receivedAt: string;
  updatedAt: string;
  /** Names of the IPTC Media Topics found in any file. */
  topics: string[];
  labels: string[];
  duplicate: boolean;
  bylines: string[];
  /** The files' names. */
  names: string[];
  /** How many files were escalated. */
  escalated: number;
}
