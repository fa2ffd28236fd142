import type { SubmissionSummary } from '../../contracts/webhook.js';

/** A finished submission's summary, as the submission orchestration writes and delivers it: one photo, analysed. */
export function summaryFixture(submissionId: string, patch: Partial<SubmissionSummary> = {}): SubmissionSummary {
  return {
    submissionId,
    clientId: 'desk',
    reference: null,
    status: 'completed',
    receivedAt: '2026-03-01T10:00:00.000Z',
    completedAt: '2026-03-01T10:01:00.000Z',
    files: [{ fileId: 'f1', name: 'a.jpg', contentType: 'image/jpeg', state: 'completed', escalated: false }],
    links: { summary: `results/${submissionId}/summary.json` },
    ...patch,
  };
}
