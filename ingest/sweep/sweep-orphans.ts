import type { BlobStore } from '../../adapters/blob-store/blob-store.js';
import type { IngestStore } from '../../adapters/ingest-store/ingest-store.js';
import { newsdeskMetrics } from '../../adapters/telemetry/metrics.js';

/** The sweeper's settings (app/config.ts: NEWSDESK_SWEEP_SCHEDULE, NEWSDESK_ORPHAN_AFTER). */
export interface SweepSettings {
  /** NCRONTAB schedule of the timer. */
  schedule: string;
  /** A blob this old with no submission is an orphan; longer than the longest upload, so none still being written is taken. */
  orphanAfterMs: number;
}

export interface SweepDeps {
  blobs: Pick<BlobStore, 'listPage' | 'delete'>;
  store: Pick<IngestStore, 'getSubmission' | 'getUploadSession'>;
  orphanAfterMs: number;
  now(): Date;
}

/** What one sweep did (the manage API returns it). */
export interface SweepReport {
  examined: number;
  deleted: string[];
}

const PAGE = 500;

/**
 * One pass of the orphan sweeper over `incoming/`, a page at a time: a blob older than `orphanAfterMs` whose id
 * (`incoming/{submissionId}/…`) names no submission and no open upload session was left by an intake that died before
 * it recorded its submission, and is deleted. Deleting is idempotent, so two sweeps at once do no harm. The storage
 * account's lifecycle rule stays the backstop (infra/azure/modules/storage.bicep).
 */
export async function sweepOrphans(deps: SweepDeps): Promise<SweepReport> {
  const now = deps.now();
  const cutoff = now.getTime() - deps.orphanAfterMs;
  const owned = new Map<string, boolean>();
  const report: SweepReport = { examined: 0, deleted: [] };
  let continuation: string | undefined;
  do {
    const page = await deps.blobs.listPage('incoming/', { maxPageSize: PAGE, continuation });
    for (const blob of page.blobs) {
      report.examined++;
      const owner = blob.path.split('/')[1];
      if (!owner || blob.lastModified.getTime() > cutoff) continue;
      if (!owned.has(owner)) owned.set(owner, await hasOwner(deps, owner, now));
      if (owned.get(owner) || !(await deps.blobs.delete(blob.path))) continue;
      report.deleted.push(blob.path);
      newsdeskMetrics().orphansSwept.add(1);
    }
    continuation = page.continuation;
  } while (continuation);
  return report;
}

/** A submission owns its originals; an upload session that is still open owns the blobs its client is writing. */
async function hasOwner(deps: SweepDeps, id: string, now: Date): Promise<boolean> {
  if (await deps.store.getSubmission(id)) return true;
  const session = await deps.store.getUploadSession(id);
  return session?.state === 'open' && Date.parse(session.expiresAt) > now.getTime();
}
