import { TableIngestStore } from '../adapters/ingest-store/table-ingest-store.js';
import type { SeedPlan } from './desk-seed-plans.js';
import { seedClients, seedPlans } from './desk-seed-plans.js';

/** Submissions written at once: each is a chain of dependent writes, so concurrency hides Azurite's round trips. */
const CONCURRENCY = 12;

/**
 * Writes `count` submissions through the real TableIngestStore, in the order the pipeline writes them: ingest's
 * record and outbox entry (then published), `processing` and each file queued, each file's outcome with its analysis,
 * duplicates, the final status. The store keeps the desk's index and change feed itself, as it does in the pipeline.
 */
export async function seedDesk(storage: string, count: number): Promise<{ seconds: number; plans: SeedPlan[] }> {
  const store = new TableIngestStore(storage);
  const now = new Date();
  const started = performance.now();
  for (const client of seedClients(now)) await store.createClient(client);
  const plans = seedPlans(count, now);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plans.length) await writePlan(store, plans[next++]!);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { seconds: (performance.now() - started) / 1000, plans };
}

async function writePlan(store: TableIngestStore, plan: SeedPlan): Promise<void> {
  const { submissionId } = plan.record;
  await store.createSubmission(plan.record, plan.event);
  await store.markPublished(submissionId);
  if (plan.status === 'received') return;
  await store.updateSubmission(submissionId, { status: 'processing' });
  for (const file of plan.record.files)
    await store.setFileState(submissionId, { fileId: file.fileId, state: 'queued', updatedAt: plan.record.receivedAt });
  for (const state of plan.states) if (state) await store.setFileState(submissionId, state);
  if (plan.duplicates.length) await store.setDuplicates(submissionId, plan.duplicates);
  if (plan.status !== 'processing') await store.updateSubmission(submissionId, { status: plan.status });
}
