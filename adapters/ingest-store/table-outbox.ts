import { RestError, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { packJson, unpackJson, type JsonEntity } from '../table-storage/json-entity.js';
import type { PublishedEvent } from '../event-publisher/event-publisher.js';
import type { SubmissionRecord } from './ingest-store.js';

/**
 * The outbox: each submission's pending Received event is the `outbox` row beside its `submission` row in the
 * submissions table (written in one transaction with it), until the relay has published it.
 */
export async function readOutbox(table: TableClient, limit: number): Promise<{ submissionId: string; event: PublishedEvent }[]> {
  const out: { submissionId: string; event: PublishedEvent }[] = [];
  for await (const row of table.listEntities<TableEntity<JsonEntity>>({ queryOptions: { filter: "RowKey eq 'outbox'" } })) {
    const event = unpackJson<PublishedEvent>(row);
    out.push({ submissionId: row.partitionKey, event: { ...event, time: new Date(event.time) } });
    if (out.length >= limit) break;
  }
  return out;
}

/** Deletes the outbox row and marks the record published, in one transaction; a row already gone is done. */
export async function markOutboxPublished(table: TableClient, submissionId: string, record: SubmissionRecord | undefined): Promise<void> {
  const actions: TransactionAction[] = [['delete', { partitionKey: submissionId, rowKey: 'outbox' }]];
  if (record)
    actions.push(['upsert', { partitionKey: submissionId, rowKey: 'submission', ...packJson({ ...record, published: true }) }, 'Replace']);
  try {
    await table.submitTransaction(actions);
  } catch (e) {
    // Already published by another relay: the outbox row is gone.
    if (!(e instanceof RestError && e.statusCode === 404)) throw e;
  }
}
