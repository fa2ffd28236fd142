import type { TableClient, TableEntity } from '@azure/data-tables';
import { unpackJson, type JsonEntity } from '../table-storage/json-entity.js';
import { newestFirst } from './desk-records.js';
import type { AllSubmissionsQuery, SubmissionRecord } from './ingest-store.js';

const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * A page of the desk's index (every submission whole, row keys newest first): one range read, filtered here because
 * Table Storage cannot look inside the JSON. It reads one match past the page to know whether another follows.
 */
export async function listDeskIndex(
  table: TableClient,
  query: AllSubmissionsQuery,
): Promise<{ submissions: SubmissionRecord[]; nextCursor: string | null }> {
  const bounds = ["PartitionKey eq 'all'"];
  if (query.cursor) bounds.push(`RowKey gt ${quoted(query.cursor)}`);
  if (query.to) bounds.push(`RowKey ge ${quoted(newestFirst(query.to))}`);
  if (query.from) bounds.push(`RowKey le ${quoted(`${newestFirst(query.from)}_~`)}`);
  const found: { key: string; record: SubmissionRecord }[] = [];
  for await (const row of table.listEntities<TableEntity<JsonEntity>>({ queryOptions: { filter: bounds.join(' and ') } })) {
    const record = unpackJson<SubmissionRecord>(row);
    if (query.match && !query.match(record)) continue;
    if (found.push({ key: row.rowKey, record }) > query.limit) break;
  }
  const page = found.slice(0, query.limit);
  return { submissions: page.map((f) => f.record), nextCursor: found.length > query.limit ? page[page.length - 1]!.key : null };
}
