import type { SubmissionRecord, SubmissionStatus } from '../../adapters/ingest-store/ingest-store.js';
import { submissionInstanceId } from '../../contracts/ids.js';
import { startSubmissionInstance } from '../start-submission.js';
import { failDeadSubmission } from './fail-dead-submission.js';
import { receivedOf } from './received-of.js';
import type { ReconcileDeps } from './reconcile-settings.js';
import { runtimeStatusOf } from './runtime-status-of.js';

const OPEN: SubmissionStatus[] = ['received', 'processing'];
/** The runtime statuses after which an orchestration does nothing more: whatever its record says then stays. */
const ENDED = new Set(['Failed', 'Terminated', 'Canceled']);

/**
 * Repairs one submission whose record is not final, decided on the record itself (the index may lag):
 * * no orchestration, though its Received event went out a grace period ago (Event Grid lost it): started, with
 *   instanceId = submissionId, so a concurrent start or a late event starts nothing more;
 * * its orchestration ended without finishing it: the record is moved to `failed` by a conditional write, and only
 *   the pass whose write wins tells operations and the client (fail-dead-submission.ts).
 * Anything else (running, or not yet due) is left alone.
 */
export async function repairSubmission(deps: ReconcileDeps, submissionId: string): Promise<'started' | 'failed' | undefined> {
  const record = await deps.store.getSubmission(submissionId);
  if (!record || !OPEN.includes(record.status)) return undefined;
  const found = await runtimeStatusOf(deps.durable, submissionInstanceId(submissionId));
  if (found === undefined) return (await startLost(deps, record)) ? 'started' : undefined;
  if (!ENDED.has(found)) return undefined;
  if (!(await deps.store.transitionSubmission(submissionId, OPEN, 'failed'))) return undefined;
  try {
    await failDeadSubmission(deps, record, found);
  } catch (error) {
    // Nobody was told: give the record back, so that the next pass repairs it again.
    await deps.store.transitionSubmission(submissionId, ['failed'], record.status);
    throw error;
  }
  return 'failed';
}

/** Unpublished records are the outbox relay's; a published one gets its grace period for Event Grid's retries. */
async function startLost(deps: ReconcileDeps, record: SubmissionRecord): Promise<boolean> {
  if (!record.published) return false;
  if (deps.now().getTime() - Date.parse(record.receivedAt) < deps.reconcile.startGraceMs) return false;
  return startSubmissionInstance(deps.durable, deps.pipeline, receivedOf(record));
}
