import type { FileOutcome } from './analysis.js';
import type { FileAnalysis } from './file-analysis.js';
import type { JobFile } from './job.js';
import type { SubmissionReceived } from './submission.js';
import type { SubmissionSummary } from './submission-summary.js';

/**
 * The orchestrations by name, with their inputs and outputs. Ingest and the Event Grid starter
 * start them by these names (instance ids: ids.ts) and never import the orchestrator's code.
 */
export const ORCHESTRATION = {
  submission: 'submission',
  analyzeFile: 'analyzeFile',
  cancelSubmission: 'cancelSubmission',
  redeliver: 'redeliver',
  failSubmission: 'failSubmission',
} as const satisfies { [N in OrchestrationName]: N };

export interface Orchestrations {
  submission: { input: SubmissionInput; output: SubmissionSummary & { delivery: DeliveryResult } };
  analyzeFile: { input: AnalyzeFileInput; output: FileOutcome };
  cancelSubmission: { input: CancelSubmissionInput; output: { compensation: Compensation; delivery: DeliveryResult } };
  redeliver: { input: RedeliverInput; output: DeliveryResult };
  failSubmission: { input: FailSubmissionInput; output: DeliveryResult };
}
export type OrchestrationName = keyof Orchestrations;

/** Timing settings the starter reads from configuration and hands to the orchestration as input (orchestrators never read the environment). */
export interface PipelineSettings {
  analysisTimeoutMs: { normal: number; urgent: number };
  graceMs: number;
  delivery: RetryWindow;
  /**
   * How an activity that meets an infrastructure fault (storage, the queue, Event Grid) is retried on durable timers
   * (`NEWSDESK_ACTIVITY_RETRY_*`): an outage within the window never fails an orchestration.
   */
  activityRetry: RetryWindow;
  /** Where clients reach the API (`NEWSDESK_PUBLIC_URL`): the summary's links start with it. */
  publicUrl: string;
}

/** Exponential backoff from `firstRetryMs`, doubling up to `maxRetryMs`, while the next try falls within `windowMs` of the first. */
export interface RetryWindow {
  firstRetryMs: number;
  maxRetryMs: number;
  windowMs: number;
}

/**
 * The error name an activity throws for what no retry can change (lib/resilience/non-retryable-error.ts): the
 * orchestration stops retrying at once. Anything else an activity throws is taken as transient.
 */
export const NON_RETRYABLE_ERROR = 'NonRetryableError';

export interface SubmissionInput {
  submission: SubmissionReceived;
  settings: PipelineSettings;
}

export interface AnalyzeFileInput extends JobFile {
  /** How long analysis may take before escalation, and how long a person then has. */
  timeoutMs: number;
  graceMs: number;
  retry: RetryWindow;
}

export interface CancelSubmissionInput {
  submission: Pick<SubmissionReceived, 'submissionId' | 'clientId' | 'reference' | 'receivedAt' | 'files' | 'webhook'>;
  settings: PipelineSettings['delivery'];
  retry: RetryWindow;
  publicUrl: PipelineSettings['publicUrl'];
}

export interface RedeliverInput {
  submissionId: string;
  webhookUrl: string;
  deliveryId: string;
  settings: PipelineSettings['delivery'];
  retry: RetryWindow;
}

/**
 * The reconciler found the submission's orchestration ended (Failed, Terminated) with its record not final, and has
 * marked the record failed: operations are told, and the client gets a `failed` summary.
 */
export interface FailSubmissionInput {
  submission: CancelSubmissionInput['submission'];
  /** Each file's last recorded ending (a file whose analysis never ended: failed with `reason`). */
  files: Record<string, { state: FileOutcome['state']; escalated: boolean; reason: string | null; analysis?: FileAnalysis }>;
  /** Shown to the client, so it names no host, path or stack. */
  reason: string;
  /** The orchestration's runtime status as the reconciler found it, for operations. */
  found: string;
  settings: PipelineSettings['delivery'];
  retry: PipelineSettings['activityRetry'];
  publicUrl: PipelineSettings['publicUrl'];
}

/** How a summary's delivery ended. */
export interface DeliveryResult {
  outcome: 'delivered' | 'gone' | 'dead-lettered' | 'rejected-url';
  attempts: number;
  deliveryId: string;
}

/** What cancelling removed from storage (`retained`: originals kept under `retention/`). */
export interface Compensation {
  deleted: number;
  retained: number;
}
