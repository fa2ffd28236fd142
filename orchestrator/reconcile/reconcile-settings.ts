import type { DurableClient } from 'durable-functions';
import type { IngestStore } from '../../adapters/ingest-store/ingest-store.js';
import type { PipelineSettings } from '../../contracts/orchestrations.js';

/** The reconciler's settings (app/config.ts: NEWSDESK_RECONCILE_*). */
export interface ReconcileSettings {
  /** NCRONTAB schedule of the timer. */
  schedule: string;
  /** How long a published submission may wait for its orchestration before the reconciler starts it (Event Grid's own retries come first). */
  startGraceMs: number;
  /** Only submissions received this recently are examined: older ones were repaired by earlier passes. */
  lookbackMs: number;
  /** Submissions read per page of the store's index. */
  pageSize: number;
}

/** What one pass uses: the store, the task hub, and the pipeline settings a started orchestration gets. */
export interface ReconcileDeps {
  store: Pick<
    IngestStore,
    'listAllSubmissions' | 'getSubmission' | 'transitionSubmission' | 'fileStates' | 'updateFileState' | 'removeEscalation'
  >;
  durable: Pick<DurableClient, 'getStatus' | 'startNew' | 'terminate'>;
  pipeline: PipelineSettings;
  reconcile: Omit<ReconcileSettings, 'schedule'>;
  now(): Date;
}

/** What one pass did: the submissions it started and those it failed (the manage API returns it). */
export interface ReconcileReport {
  examined: number;
  started: string[];
  failed: string[];
  /** Submissions the pass could not look at (the task hub or the store did not answer): the next pass tries again. */
  errors: { submissionId: string; error: string }[];
}
