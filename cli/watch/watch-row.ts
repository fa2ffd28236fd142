/** The parts of a row of `GET /api/submissions/events` (the desk's row shape, narrowed to the key's client) it shows. */
export interface WatchRow {
  submissionId: string;
  status: string;
  reference: string | null;
  fileCount: number;
  done: number;
  updatedAt: string;
}
