import type { EscalationRecord } from './ingest-store.js';

/** The escalation queue's order, in every adapter: longest waiting first, ties by submission and file. */
export function oldestEscalationFirst(a: EscalationRecord, b: EscalationRecord): number {
  return (
    Date.parse(a.escalatedAt) - Date.parse(b.escalatedAt) ||
    a.submissionId.localeCompare(b.submissionId) ||
    a.fileId.localeCompare(b.fileId)
  );
}
