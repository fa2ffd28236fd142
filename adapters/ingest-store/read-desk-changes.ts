import type { TableClient } from '@azure/data-tables';
import { packJson, unpackJson, type JsonEntity } from '../table-storage/json-entity.js';
import type { SubmissionRecord } from './ingest-store.js';

const DAY = 86_400_000;

/**
 * The submissions changed at or after `since`, oldest change first, at most `limit`: the desk's change rows are
 * partitioned by the day of the change, read from since's day to tomorrow's (a writer's clock may run ahead), and
 * lead to the records (`get`), few in the half second between two polls.
 */
export async function readDeskChanges(
  table: TableClient,
  since: string,
  limit: number,
  get: (submissionId: string) => Promise<SubmissionRecord | undefined>,
): Promise<SubmissionRecord[]> {
  const ids = new Set<string>();
  for (let day = Date.parse(since.slice(0, 10)); day <= Date.now() + DAY && ids.size < limit; day += DAY) {
    const filter = `PartitionKey eq '${new Date(day).toISOString().slice(0, 10)}' and RowKey ge '${since.replace(/'/g, "''")}'`;
    for await (const row of table.listEntities<JsonEntity>({ queryOptions: { filter } })) {
      ids.add(unpackJson<{ submissionId: string }>(row).submissionId);
      if (ids.size >= limit) break;
    }
  }
  const records = await Promise.all([...ids].map(get));
  return records
    .filter((r): r is SubmissionRecord => r !== undefined && r.updatedAt >= since)
    .sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0));
}

/** A change row: partitioned by the day of the change, keyed by its time and the submission. */
export async function writeDeskChange(table: TableClient, record: SubmissionRecord): Promise<void> {
  const key = { partitionKey: record.updatedAt.slice(0, 10), rowKey: `${record.updatedAt}_${record.submissionId}` };
  await table.upsertEntity({ ...key, ...packJson({ submissionId: record.submissionId }) }, 'Replace');
}
