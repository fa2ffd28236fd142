import type { FileAnalysis } from '../../../contracts/file-analysis.js';
import type { Duplicate } from '../../../contracts/submission-summary.js';
import type { SubmissionChannel, SubmissionRow } from '../../../contracts/submission-row.js';

/** The shapes of the staff API (`ingest/staff/`), as the desk reads them; docs/desk.md describes the pages. */

export interface StaffIdentity {
  id: string;
  name: string;
}

export type Channel = SubmissionChannel;
export type { SubmissionRow };

export interface SubmissionPage {
  submissions: SubmissionRow[];
  nextCursor: string | null;
}

export interface Keyframe {
  url: string;
  time: number;
}

export interface FileAssets {
  thumbnail320?: string;
  thumbnail1280?: string;
  poster?: string;
  contactSheet?: string;
  original?: string;
  keyframes?: Keyframe[];
}

export interface TimelineStep {
  state: string;
  at: string;
  durationMs: number | null;
}

export interface Resolution {
  by: StaffIdentity;
  at: string;
  outcome: 'analysed' | 'failed';
  note?: string;
  reason?: string;
}

export interface SubmissionFile {
  fileId: string;
  name: string;
  contentType: string;
  size: number;
  state: string;
  escalated: boolean;
  reason: string | null;
  analysis: FileAnalysis | null;
  duplicates: Duplicate[];
  assets?: FileAssets;
  timeline?: TimelineStep[];
  resolution?: Resolution;
}

/** One webhook delivery as the staff API lists it; the client deliveries API's attempt fields are read too. */
export interface Delivery {
  deliveryId: string;
  kind?: string;
  status?: string | number;
  outcome?: string;
  attempts?: number;
  attempt?: number;
  httpStatus?: number | null;
  latencyMs?: number | null;
  error?: string;
  at: string;
}

export interface SubmissionDetail {
  submissionId: string;
  clientId: string;
  clientName: string;
  status: string;
  channel: Channel;
  reference: string | null;
  priority: string;
  receivedAt: string;
  updatedAt?: string;
  progress: { done: number; total: number };
  files: SubmissionFile[];
  deliveries: Delivery[];
}

export interface Client {
  clientId: string;
  name: string;
}

export interface Topic {
  code: string;
  name: string;
}

export interface Escalation {
  submissionId: string;
  fileId: string;
  clientId: string;
  clientName: string;
  name: string;
  mediaType: string;
  reference: string | null;
  escalatedAt: string;
  deadline: string;
  assets: FileAssets;
}

export interface ResolveAnswer {
  submissionId: string;
  fileId: string;
  outcome: 'analysed' | 'failed';
  resolvedBy: StaffIdentity;
  resolvedAt: string;
}

export interface Accepted {
  submissionId: string;
  statusUrl: string;
}

export interface UploadSession {
  sessionId: string;
  expiresAt: string;
  files: { fileId: string; name: string; size: number; uploadUrl: string }[];
}

export interface SystemView {
  queue: { name: string; depth: number };
  workers: { running: number; instances: { id: string; lastSeenAt: string; problem?: string }[] };
  classifier: {
    state: 'up' | 'circuit-open' | 'down' | 'unknown';
    /** Why the state is `unknown`: no classifier configured, or one with no /health to ask (Azure AI Vision). */
    reason?: 'not-configured' | 'no-health-endpoint';
    modelLoadMs: number | null;
    checkedAt: string;
  };
  /** `name` is null where the submission is gone: the file's id stands in. */
  failures: { submissionId: string; fileId: string; name: string | null; reason: string; at: string }[];
  deadLetters: { id: string; eventType: string; subject: string; reason: string; at: string }[];
}
