import type { FileStateRecord, SubmissionRecord } from '../../adapters/ingest-store/ingest-store.js';
import { summaryBlobOf } from '../../contracts/ids.js';
import type { ProgressStatus } from '../../contracts/progress-status.js';

export interface OrchestrationView {
  runtimeStatus: string;
  customStatus?: ProgressStatus | null;
}

/** The client's view of a submission: the record, merged with the orchestration's progress. */
export function submissionView(
  record: SubmissionRecord,
  orchestration: OrchestrationView | undefined,
  origin: string,
  recorded: Record<string, FileStateRecord> = {},
) {
  // Per-file states: what each file's analysis recorded, over what the submission orchestration last published.
  const perFile: Record<string, { state: string; reason?: string; result?: string; escalated?: boolean }> = {
    ...(orchestration?.customStatus?.files ?? {}),
  };
  for (const [id, r] of Object.entries(recorded))
    perFile[id] = { state: r.state, reason: r.reason, result: r.resultBlob, escalated: r.escalated };
  const files = record.files.map((f) => ({
    fileId: f.fileId,
    name: f.name,
    size: f.size,
    contentType: f.contentType,
    sha256: f.sha256,
    state: perFile[f.fileId]?.state ?? (record.status === 'received' ? 'received' : 'queued'),
    ...(perFile[f.fileId]?.reason ? { reason: perFile[f.fileId]!.reason } : {}),
    ...(perFile[f.fileId]?.result ? { result: perFile[f.fileId]!.result } : {}),
    escalated: perFile[f.fileId]?.escalated ?? false,
  }));
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
      summary: ['completed', 'partial', 'failed'].includes(record.status) ? summaryBlobOf(record.submissionId) : null,
    },
  };
}
