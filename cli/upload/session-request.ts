import type { UploadFile } from '../submit/multipart-body.js';

/** What `POST /api/uploads` takes besides the files: the same fields as a multipart submission, metadata as an object. */
export interface SessionRequest {
  webhookUrl?: string;
  reference?: string;
  priority?: string;
  metadata?: Record<string, unknown>;
}

/** A file to upload by blocks; its modification time tells a resumed upload from a changed file. */
export interface SessionFile extends UploadFile {
  mtimeMs: number;
}

/** The state of an upload session kept between runs: enough to stage only the blocks still missing, then commit. */
export interface ResumeRecord {
  sessionId: string;
  expiresAt: string;
  blockSize: number;
  /** In the order of the command's files. */
  files: { fileId: string; uploadUrl: string; blocks: number; staged: number[]; committed: boolean }[];
}
