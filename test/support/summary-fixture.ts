import { fileLinksOf, submissionLinksOf } from '../../contracts/links.js';
import type { ManualAnalysis } from '../../contracts/file-analysis.js';
import { SUMMARY_SCHEMA_VERSION, type SubmissionSummary } from '../../contracts/submission-summary.js';

const PUBLIC_URL = 'http://127.0.0.1:7071';

/** A person's analysis, the smallest valid one: what a file's analysis looks like when no worker made it. */
export const manualAnalysisFixture = (patch: Partial<ManualAnalysis> = {}): ManualAnalysis => ({
  source: 'manual',
  caption: null,
  tags: ['dog'],
  objects: [],
  people: null,
  text: [],
  topics: [],
  safety: null,
  note: null,
  ...patch,
});

/** A finished submission's summary, as the submission orchestration writes and delivers it: one photo, analysed. */
export function summaryFixture(submissionId: string, patch: Partial<SubmissionSummary> = {}): SubmissionSummary {
  const analysis = manualAnalysisFixture();
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    submissionId,
    clientId: 'desk',
    reference: null,
    status: 'completed',
    receivedAt: '2026-03-01T10:00:00.000Z',
    completedAt: '2026-03-01T10:01:00.000Z',
    files: [
      {
        fileId: 'f1',
        name: 'a.jpg',
        contentType: 'image/jpeg',
        size: 1024,
        sha256: 'a'.repeat(64),
        state: 'completed',
        escalated: false,
        reason: null,
        analysis,
        duplicates: [],
        links: fileLinksOf(PUBLIC_URL, submissionId, 'f1', { analysis, originalKept: true }),
      },
    ],
    links: submissionLinksOf(PUBLIC_URL, submissionId),
    ...patch,
  };
}
