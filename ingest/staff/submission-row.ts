import { isFinal } from '../../adapters/ingest-store/desk-records.js';
import type { FileFacets, SubmissionRecord } from '../../adapters/ingest-store/ingest-store.js';
import type { SubmissionRow } from '../../contracts/submission-row.js';

export type { SubmissionRow };

const union = (facets: FileFacets[], pick: (f: FileFacets) => string[]): string[] => [...new Set(facets.flatMap(pick))];

export function submissionRow(record: SubmissionRecord, clientName: string): SubmissionRow {
  const facets = record.files.map((f) => record.facets?.[f.fileId]).filter((f): f is FileFacets => f !== undefined);
  return {
    submissionId: record.submissionId,
    clientId: record.clientId,
    clientName,
    status: record.status,
    channel: record.channel,
    reference: record.reference ?? null,
    fileCount: record.files.length,
    done: facets.filter(isFinal).length,
    receivedAt: record.receivedAt,
    updatedAt: record.updatedAt,
    topics: union(facets, (f) => f.topics),
    labels: union(facets, (f) => f.labels),
    duplicate: facets.some((f) => f.duplicate),
    bylines: union(facets, (f) => f.bylines),
    names: record.files.map((f) => f.name),
    escalated: facets.filter((f) => f.escalated).length,
  };
}
