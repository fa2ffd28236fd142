import type { DeliveryAttempt } from '../../adapters/delivery-store/delivery-store.js';
import type { FileStateRecord, SubmissionStatus } from '../../adapters/ingest-store/ingest-store.js';
import type { FileOutcome } from '../../contracts/analysis.js';
import type { AnalysisJob, JobFile } from '../../contracts/job.js';
import type { Compensation } from '../../contracts/orchestrations.js';
import type { Duplicate, SubmissionSummary } from '../../contracts/submission-summary.js';

/**
 * Every activity by name (the key), with its input and output: types only. Orchestrations import
 * this and nothing else from activities/ (as Temporal's workflows do), so the activities' code
 * (HTTP clients, DNS, telemetry) stays out of the replayed module graph. `callActivity` checks each
 * call against it, `registerActivity` each handler.
 */
export interface ActivityCatalog {
  markSubmission: { input: MarkSubmissionInput; output: void };
  recordFileState: { input: RecordFileStateInput; output: void };
  /** Returns the job id. */
  enqueueAnalysis: { input: EnqueueAnalysisInput; output: string };
  escalateAnalysis: { input: EscalateAnalysisInput; output: void };
  /** Returns the summary's blob name. */
  writeSummary: { input: SubmissionSummary & Traced; output: string };
  /** Input: the submission id. */
  readSummary: { input: string; output: SubmissionSummary };
  /** `recorded`: false when the attempt was made but storage could not keep it (recordDeliveryAttempt does, later). */
  deliverWebhook: { input: DeliverWebhookInput; output: DeliveryAttempt & { recorded: boolean } };
  recordDeliveryAttempt: { input: RecordDeliveryAttemptInput; output: void };
  deadLetterDelivery: { input: DeadLetterDeliveryInput; output: void };
  /** Returns each file's earlier copies by fileId, nearest first. */
  findDuplicates: { input: FindDuplicatesInput; output: Record<string, Duplicate[]> };
  /** Input: the submission id. */
  compensateSubmission: { input: string; output: Compensation };
  reportFailedSubmission: { input: ReportFailedSubmissionInput; output: void };
}
export type ActivityName = keyof ActivityCatalog;
export type ActivityInput<N extends ActivityName> = ActivityCatalog[N]['input'];
export type ActivityOutput<N extends ActivityName> = ActivityCatalog[N]['output'];

/** The submission's trace context, which each activity's span joins (orchestrations replay, so they make no spans). */
interface Traced {
  traceparent?: string;
}

export interface MarkSubmissionInput extends Traced {
  submissionId: string;
  status: SubmissionStatus;
}

export interface RecordFileStateInput extends Traced {
  submissionId: string;
  outcome: Pick<FileOutcome, 'fileId' | 'reason' | 'result'> & { state: FileStateRecord['state']; escalated?: boolean };
  /** With the escalated state: when the grace period ends (the desk's escalation queue counts down to it). */
  graceUntil?: string;
}

export type EnqueueAnalysisInput = JobFile &
  Pick<AnalysisJob, 'deadline'> & {
    /** How long the instance waits past the deadline (AnalyzeFileInput's): the job's token expires with it. */
    graceMs: number;
    /** The analyzeFile instance the worker answers. */
    instanceId: AnalysisJob['callback']['instanceId'];
  };

export interface EscalateAnalysisInput extends Traced {
  submissionId: string;
  fileId: string;
  deadline: string;
  graceUntil: string;
}

export interface DeliverWebhookInput extends Traced {
  submissionId: string;
  clientId: string;
  url: string;
  /**
   * From contracts/ids.ts: `{submissionId}.1`; a replay `{submissionId}.{n}`, n one past the delivery
   * ids already recorded; a cancellation `{submissionId}.cancelled`. The receiver dedupes on it.
   */
  deliveryId: string;
  attempt: number;
  summary: SubmissionSummary;
}

export interface RecordDeliveryAttemptInput extends Traced {
  submissionId: string;
  attempt: DeliveryAttempt;
}

export interface DeadLetterDeliveryInput extends Traced {
  submissionId: string;
  deliveryId: string;
  attempts: number;
  lastError: string;
  summary: SubmissionSummary;
}

export interface FindDuplicatesInput extends Traced {
  clientId: string;
  submissionId: string;
  /** ISO 8601: when the files arrived, from which the duplicate window is measured. */
  receivedAt: string;
  /** The submission's completed files in submission order, which decides which of two copies in it came first. */
  files: { fileId: string; name: string; sha256: string; hashes: string[] }[];
}

export interface ReportFailedSubmissionInput {
  submissionId: string;
  reason: string;
  /** The orchestration's runtime status as the reconciler found it. */
  found: string;
}
