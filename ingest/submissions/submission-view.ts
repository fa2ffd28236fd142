import type { FileStateRecord, SubmissionRecord } from '../../adapters/ingest-store/ingest-store.js';
import type { ProgressStatus } from '../../contracts/progress-status.js';
import type { FileSummary } from '../../contracts/submission-summary.js';
import { fileView, type FileProgress } from '../results/file-view.js';

export interface OrchestrationView {
  runtimeStatus: string;
  customStatus?: ProgressStatus | null;
}

/**
 * The client's view of a submission: the record, merged with the orchestration's progress; each file in the webhook's
 * per-file shape, with its analysis and links once it is done (`delivered`: the summary's entries, once written).
 */
export function submissionView(
  record: SubmissionRecord,
  orchestration: OrchestrationView | undefined,
  origin: string,
  recorded: Record<string, FileStateRecord> = {},
  delivered: ReadonlyMap<string, FileSummary> = new Map(),
) {
  // Per-file states: what each file's analysis recorded, over what the submission orchestration last published.
  const perFile: Record<string, FileProgress> = { ...(orchestration?.customStatus?.files ?? {}), ...recorded };
  const waiting: FileProgress = { state: record.status === 'received' ? 'received' : 'queued' };
  const cancelled = record.status === 'cancelled';
  const files = record.files.map((f) =>
    fileView(record.submissionId, f, perFile[f.fileId] ?? waiting, delivered.get(f.fileId), { origin, cancelled }),
  );
  const done = files.filter((f) => ['completed', 'failed', 'timed-out'].includes(f.state)).length;
  return {
    submissionId: record.submissionId,
    status: record.status,
    channel: record.channel,
    reference: record.reference ?? null,
    priority: record.priority,
    receivedAt: record.receivedAt,
    updatedAt: record.updatedAt,
    progress: { done, total: files.length },
    files,
    orchestration: orchestration ? { runtimeStatus: orchestration.runtimeStatus } : null,
    escalations: files.filter((f) => f.escalated).map((f) => ({ fileId: f.fileId, reason: 'analysis-timeout', state: f.state })),
    links: {
      self: `${origin}/api/submissions/${record.submissionId}`,
      events: `${origin}/api/submissions/${record.submissionId}/events`,
      deliveries: `${origin}/api/submissions/${record.submissionId}/deliveries`,
    },
  };
}
