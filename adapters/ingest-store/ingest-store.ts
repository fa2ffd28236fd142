import type { PublishedEvent } from '../event-publisher/event-publisher.js';
import type { FileAnalysis } from '../../contracts/file-analysis.js';
import type { Priority, SubmittedFile } from '../../contracts/submission.js';

export interface ClientRecord {
  clientId: string;
  name: string;
  /** HMAC key for the client's webhook signatures, the newest one (Key Vault in Azure). */
  webhookSecret: string;
  rateLimitPerMinute: number;
  /** Where e-mailed submissions are delivered (e-mail has no webhook field), and HTTP ones that give none. */
  defaultWebhookUrl?: string;
  /** The sender addresses (lower case) whose mail becomes this client's submissions. */
  mailSenders?: string[];
  /**
   * The client's API keys by hash, newest first: two while a rotation's overlap runs. Absent on a record written
   * without it (the development client before clients were administered): then every key row pointing here counts.
   */
  apiKeys?: ApiKeyEntry[];
  webhookSecretCreatedAt?: string;
  /** The secret before the last rotation: deliveries are signed with it too until `expiresAt`. */
  previousWebhookSecret?: { secret: string; createdAt?: string; expiresAt: string };
  createdAt?: string;
  /** Set when the client is deleted: its keys stop working and mail from its senders is refused. */
  deletedAt?: string;
}

/** One API key of a client: only its SHA-256 is kept (ingest/security/api-key.ts). */
export interface ApiKeyEntry {
  hash: string;
  createdAt: string;
  /** Set on the older key when a newer one replaces it: it works until then. */
  expiresAt?: string;
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
  // The desk (issue 13): kept by the store itself, so a writer need not know about them.
  /** The first time each status was set (updateSubmission): `processing` is when its files were queued. */
  statusSince?: Partial<Record<SubmissionStatus, string>>;
  /** What the desk lists and filters by, per file (setFileState, setDuplicates): one read lists a submission. */
  facets?: Record<string, FileFacets>;
}

/** One file's searchable facets (file-facets.ts derives them from its recorded state and analysis). */
export interface FileFacets {
  state: FileStateRecord['state'];
  escalated: boolean;
  /** Topic names, as the webhook gives them. */
  topics: string[];
  labels: string[];
  bylines: string[];
  /** An earlier copy of the file was found among the client's files. */
  duplicate: boolean;
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
  /** Set when a person resolved the escalated file at the desk; the orchestration's later writes keep it. */
  resolution?: FileResolution;
  // The desk's timeline (issue 13).
  /** The first time each state was recorded: the store keeps the earliest across writes. */
  since?: Partial<Record<FileStateRecord['state'], string>>;
}

/**
 * An Idempotency-Key is claimed `pending` before the request's body is read, so that concurrent duplicates find it
 * taken; the first request then replaces its claim with its answer, or releases it when it fails.
 */
export type IdempotencyRecord = PendingIdempotency | AnsweredIdempotency;

export interface PendingIdempotency {
  state: 'pending';
  /** Who holds the claim: only that request may answer or release it. */
  claimId: string;
  /** After this instant the claim is stale (its host died mid-request) and the next request may take it over. */
  expiresAt: string;
}

export interface AnsweredIdempotency {
  /** Absent on records written before claims existed: those are answers too. */
  state?: 'answered';
  /** The request body's fingerprint: the same key with another body is refused. */
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
export interface IngestStore extends EscalationStore {
  /** Creates or replaces a client and makes `apiKeyHash` lead to it (the development client, tests). */
  putClient(client: ClientRecord, apiKeyHash: string): Promise<void>;
  /** Stores a new client, with a key row for each of its `apiKeys` and a sender row for each of its `mailSenders`; false when the id is taken. */
  createClient(client: ClientRecord): Promise<boolean>;
  /**
   * Replaces a client with what `change` makes of it, keeping its key and sender rows in step: rows for new keys and
   * senders are written before the record, rows for dropped ones removed after it (a row the record does not list is
   * ignored by its readers). `change` may throw to refuse: nothing is written. Undefined when there is no such client.
   */
  updateClient(clientId: string, change: (current: ClientRecord) => ClientRecord): Promise<ClientRecord | undefined>;
  /** Every client, deleted ones included, ordered by id. */
  listClients(): Promise<ClientRecord[]>;
  /** The client a key row leads to, deleted or not; whether the key is still valid is the caller's to check (`apiKeys`). */
  clientByKeyHash(apiKeyHash: string): Promise<ClientRecord | undefined>;
  getClient(clientId: string): Promise<ClientRecord | undefined>;
  putSender(address: string, clientId: string): Promise<void>;
  clientIdBySender(address: string): Promise<string | undefined>;
  /** Records the submission and its pending event in one transaction. */
  createSubmission(record: SubmissionRecord, event: PublishedEvent): Promise<void>;
  getSubmission(submissionId: string): Promise<SubmissionRecord | undefined>;
  listSubmissions(clientId: string, filter: { status?: SubmissionStatus; since?: string; limit: number }): Promise<SubmissionRecord[]>;
  updateSubmission(submissionId: string, patch: Partial<Pick<SubmissionRecord, 'status' | 'published'>>): Promise<void>;
  /**
   * Sets the status only while the stored one is one of `from`, atomically (the record's ETag): of concurrent
   * transitions from the same status exactly one is true. False when the status was another, or there is no record.
   */
  transitionSubmission(submissionId: string, from: SubmissionStatus[], to: SubmissionStatus): Promise<boolean>;
  /** Records a file's state (last write wins; repeating it is harmless). */
  setFileState(submissionId: string, state: FileStateRecord): Promise<void>;
  fileStates(submissionId: string): Promise<Record<string, FileStateRecord>>;
  pendingEvents(limit: number): Promise<{ submissionId: string; event: PublishedEvent }[]>;
  markPublished(submissionId: string): Promise<void>;
  /**
   * Atomically claims a key: stores `claim` when the key is free, or held by a pending claim that expired before `now`
   * (ISO), and returns undefined; otherwise returns the record that holds the key. Of concurrent claims, exactly one wins.
   */
  claimIdempotency(clientId: string, key: string, claim: PendingIdempotency, now: string): Promise<IdempotencyRecord | undefined>;
  /** Replaces the pending claim `claimId` with its answer; false (nothing written) when that claim no longer holds the key. */
  answerIdempotency(clientId: string, key: string, claimId: string, answer: AnsweredIdempotency): Promise<boolean>;
  /** Deletes the pending claim `claimId` so a retry can proceed; false (nothing deleted) when it no longer holds the key. */
  releaseIdempotency(clientId: string, key: string, claimId: string): Promise<boolean>;
  getIdempotency(clientId: string, key: string): Promise<IdempotencyRecord | undefined>;
  claimEmail(record: EmailRecord): Promise<EmailRecord | undefined>;
  putUploadSession(session: UploadSessionRecord): Promise<void>;
  getUploadSession(sessionId: string): Promise<UploadSessionRecord | undefined>;
  /** The files that failed or timed out most recently, newest first, one entry per file (the desk's system view). */
  recentFailures(limit: number): Promise<{ submissionId: string; file: FileStateRecord }[]>;

  // ---- The desk (issue 13): every client's submissions, and what changed ----
  /**
   * Every client's submissions, newest first (receivedAt, then id), those `match` accepts, at most `limit`; `nextCursor`
   * continues after the last one (null at the end). `from`/`to` bound receivedAt (ISO, inclusive). One range read of
   * an index that holds each submission whole: no read per submission.
   */
  listAllSubmissions(query: AllSubmissionsQuery): Promise<{ submissions: SubmissionRecord[]; nextCursor: string | null }>;
  /** The submissions whose updatedAt is at or after `since` (ISO), oldest change first, at most `limit`. */
  changedSubmissions(since: string, limit: number): Promise<SubmissionRecord[]>;
  /** Marks the files that have an earlier copy (their `duplicate` facet); the others keep theirs. */
  setDuplicates(submissionId: string, fileIds: string[]): Promise<void>;
}

export interface AllSubmissionsQuery {
  limit: number;
  /** From a previous page's nextCursor. */
  cursor?: string;
  from?: string;
  to?: string;
  match?: (record: SubmissionRecord) => boolean;
}

// ---- The desk's escalation queue and resolutions (issue 13) ----

/** A file waiting for a person: written when its analysis escalates, removed when its analysis ends. */
export interface EscalationRecord {
  submissionId: string;
  fileId: string;
  escalatedAt: string;
  /** When the grace period ends: after it the file times out, and nothing waits for a person. */
  deadline: string;
}

/** Who on the staff resolved an escalated file, when, and how (the desk shows it). */
export interface FileResolution {
  by: { id: string; name: string };
  at: string;
  outcome: 'analysed' | 'failed';
  note?: string;
  reason?: string;
}

/** Changes to one file's state record: `current` is undefined when none is stored; returning undefined writes nothing. */
export type FileStateChange = (current: FileStateRecord | undefined) => FileStateRecord | undefined;

/** The escalation index and conditional file-state writes, which the desk's staff API uses. */
export interface EscalationStore {
  /**
   * Replaces one file's state record with what `change` makes of the stored one, atomically: a concurrent write in
   * between makes `change` run again on the newer record. Returns what was written, or undefined when nothing was.
   */
  updateFileState(submissionId: string, fileId: string, change: FileStateChange): Promise<FileStateRecord | undefined>;
  /** Adds a file to the escalation index (repeating it is harmless). */
  putEscalation(record: EscalationRecord): Promise<void>;
  /** Takes a file out of the escalation index; nothing happens when it is not there. */
  removeEscalation(submissionId: string, fileId: string): Promise<void>;
  /** Every indexed escalation, oldest first (past deadlines included: the reader filters). */
  listEscalations(): Promise<EscalationRecord[]>;
}
