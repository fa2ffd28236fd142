import type { PublishedEvent } from '../event-publisher/event-publisher.js';
import type { FileAnalysis } from '../../contracts/file-analysis.js';
import type { Priority, SubmittedFile } from '../../contracts/submission.js';

export interface ClientRecord {
  clientId: string;
  name: string;
  /** HMAC key for the client's webhook signatures (Key Vault in Azure). */
  webhookSecret: string;
  rateLimitPerMinute: number;
  /** Where e-mailed submissions are delivered (e-mail has no webhook field). */
  defaultWebhookUrl?: string;
}

export type SubmissionStatus = 'received' | 'processing' | 'completed' | 'partial' | 'failed' | 'cancelled';

export interface SubmissionRecord {
  submissionId: string;
  clientId: string;
  status: SubmissionStatus;
  channel: 'http' | 'upload-session' | 'email';
  files: SubmittedFile[];
  webhookUrl: string;
  reference?: string;
  priority: Priority;
  metadata?: Record<string, unknown>;
  receivedAt: string;
  updatedAt: string;
  /** False until Newsdesk.Submission.Received is on Event Grid (the outbox relay retries). */
  published: boolean;
}

/** One file's progress as its analysis orchestration records it. */
export interface FileStateRecord {
  fileId: string;
  state: 'queued' | 'escalated' | 'completed' | 'failed' | 'timed-out';
  reason?: string;
  escalated?: boolean;
  resultBlob?: string;
  /** The file's analysis as the client receives it, once completed: the status API shows it before the summary is written. */
  analysis?: FileAnalysis;
  updatedAt: string;
}

export interface IdempotencyRecord {
  fingerprint: string;
  status: number;
  body: unknown;
}

export interface EmailRecord {
  internetMessageId: string;
  from: string;
  clientId?: string;
  outcome: 'accepted' | 'no-media' | 'unknown-sender';
  submissionId?: string;
  receivedAt: string;
  status: number;
  body: unknown;
}

export interface UploadSessionRecord {
  sessionId: string;
  clientId: string;
  files: { fileId: string; name: string; size: number; blob: string }[];
  webhookUrl: string;
  reference?: string;
  priority: Priority;
  metadata?: Record<string, unknown>;
  expiresAt: string;
  state: 'open' | 'committed';
  submissionId?: string;
}

/**
 * The port for ingest's records: clients and their keys, submissions with their outbox entry,
 * idempotency keys, e-mails, upload sessions. Adapters: TableIngestStore (Azure Table Storage,
 * Azurite locally) and InMemoryIngestStore (unit tests); both pass ingest-store.contract.ts.
 */
export interface IngestStore {
  putClient(client: ClientRecord, apiKeyHash: string): Promise<void>;
  clientByKeyHash(apiKeyHash: string): Promise<ClientRecord | undefined>;
  getClient(clientId: string): Promise<ClientRecord | undefined>;
  putSender(address: string, clientId: string): Promise<void>;
  clientIdBySender(address: string): Promise<string | undefined>;
  /** Records the submission and its pending event in one transaction. */
  createSubmission(record: SubmissionRecord, event: PublishedEvent): Promise<void>;
  getSubmission(submissionId: string): Promise<SubmissionRecord | undefined>;
  listSubmissions(clientId: string, filter: { status?: SubmissionStatus; since?: string; limit: number }): Promise<SubmissionRecord[]>;
  updateSubmission(submissionId: string, patch: Partial<Pick<SubmissionRecord, 'status' | 'published'>>): Promise<void>;
  /** Records a file's state (last write wins; repeating it is harmless). */
  setFileState(submissionId: string, state: FileStateRecord): Promise<void>;
  fileStates(submissionId: string): Promise<Record<string, FileStateRecord>>;
  pendingEvents(limit: number): Promise<{ submissionId: string; event: PublishedEvent }[]>;
  markPublished(submissionId: string): Promise<void>;
  /** Stores the first answer for a key; returns the record already stored when there is one. */
  claimIdempotency(clientId: string, key: string, record: IdempotencyRecord): Promise<IdempotencyRecord | undefined>;
  getIdempotency(clientId: string, key: string): Promise<IdempotencyRecord | undefined>;
  claimEmail(record: EmailRecord): Promise<EmailRecord | undefined>;
  putUploadSession(session: UploadSessionRecord): Promise<void>;
  getUploadSession(sessionId: string): Promise<UploadSessionRecord | undefined>;
}
