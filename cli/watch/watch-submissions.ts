import { setTimeout as sleep } from 'node:timers/promises';
import { CliError } from '../cli-error.js';
import type { Api } from '../http/api.js';
import { FINAL_STATUSES, type SubmissionView } from '../http/submission-view.js';

/** One line of `newsdesk watch`: a submission as it is now. */
export interface WatchRow {
  submissionId: string;
  status: string;
  reference: string | null;
  done: number;
  total: number;
  receivedAt: string;
}

type Listed = Pick<SubmissionView, 'submissionId' | 'status'> & { updatedAt: string };

/**
 * The client's submissions, live: first the `recent` newest (oldest first), then each one that is new or whose status
 * or progress changed, by polling `GET /api/submissions` every `intervalMs`. The list's rows carry the status; the
 * progress (files done) is read from the submission itself, for those in flight or changed, since only it knows the
 * orchestration's progress. Watches the newest 50: an older submission that changes is not seen.
 */
export async function* watchSubmissions(api: Api, intervalMs: number, recent: number): AsyncGenerator<WatchRow> {
  const shown = new Map<string, string>();
  const listed = new Map<string, string>();
  for (let first = true; ; first = false) {
    const { submissions } = await api.json<{ submissions: Listed[] }>('GET', '/submissions?limit=50');
    const rows = (first ? submissions.slice(0, recent) : submissions).reverse();
    for (const row of rows) {
      const changed = listed.get(row.submissionId) !== `${row.status} ${row.updatedAt}`;
      listed.set(row.submissionId, `${row.status} ${row.updatedAt}`);
      if (!changed && FINAL_STATUSES.has(row.status)) continue;
      const view = await api
        .json<SubmissionView & { receivedAt: string }>('GET', `/submissions/${encodeURIComponent(row.submissionId)}`)
        .catch((error: unknown) => {
          // Gone between the list and now (removed): nothing to show.
          if (error instanceof CliError && error.status === 404) return undefined;
          throw error;
        });
      if (!view) continue;
      const now: WatchRow = {
        submissionId: view.submissionId,
        status: view.status,
        reference: view.reference,
        done: view.progress.done,
        total: view.progress.total,
        receivedAt: view.receivedAt,
      };
      const key = `${now.status} ${now.done}/${now.total}`;
      if (shown.get(now.submissionId) === key) continue;
      shown.set(now.submissionId, key);
      yield now;
    }
    // The first poll only marks what exists beyond the `recent` shown, so none of it counts as new later.
    if (first) for (const row of submissions) listed.set(row.submissionId, `${row.status} ${row.updatedAt}`);
    await sleep(intervalMs);
  }
}
