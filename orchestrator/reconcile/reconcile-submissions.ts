import type { SubmissionStatus } from '../../adapters/ingest-store/ingest-store.js';
import type { ReconcileDeps, ReconcileReport } from './reconcile-settings.js';
import { repairSubmission } from './repair-submission.js';

const OPEN: ReadonlySet<SubmissionStatus> = new Set(['received', 'processing']);

/**
 * One pass of the reconciler, a page of the store's index at a time: every submission received within the lookback
 * whose record is not final is looked at once (repair-submission.ts says what is done). Two passes at once are safe:
 * each repair is decided by a conditional write or an idempotent start.
 */
export async function reconcileSubmissions(deps: ReconcileDeps): Promise<ReconcileReport> {
  const report: ReconcileReport = { examined: 0, started: [], failed: [], errors: [] };
  const from = new Date(deps.now().getTime() - deps.reconcile.lookbackMs).toISOString();
  let cursor: string | undefined;
  do {
    const page = await deps.store.listAllSubmissions({ limit: deps.reconcile.pageSize, cursor, from, match: (r) => OPEN.has(r.status) });
    for (const { submissionId } of page.submissions) {
      report.examined++;
      try {
        const done = await repairSubmission(deps, submissionId);
        if (done === 'started') report.started.push(submissionId);
        if (done === 'failed') report.failed.push(submissionId);
      } catch (error) {
        report.errors.push({ submissionId, error: error instanceof Error ? error.message : String(error) });
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return report;
}
