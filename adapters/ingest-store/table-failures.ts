import type { TableClient } from '@azure/data-tables';
import { unpackJson, type JsonEntity } from '../table-storage/json-entity.js';
import { putJson } from '../table-storage/json-rows.js';
import { tableKeyOf } from '../table-storage/table-key.js';
import { newestFirst } from './desk-records.js';
import type { FileStateRecord } from './ingest-store.js';

const PARTITION = 'failures';

/**
 * Failed and timed-out files, kept newest first in one partition of their own table, so that the desk's system view
 * lists the latest without a scan. Writes only what ended that way.
 */
export async function writeFailure(table: TableClient, submissionId: string, state: FileStateRecord): Promise<void> {
  if (state.state !== 'failed' && state.state !== 'timed-out') return;
  const row = `${newestFirst(state.updatedAt)}_${tableKeyOf(submissionId)}_${tableKeyOf(state.fileId)}`;
  await putJson(table, PARTITION, row, { submissionId, file: state });
}

/** The latest `limit` failures, one per file: a state recorded twice (an activity's retry) has two rows, the newer counts. */
export async function readRecentFailures(table: TableClient, limit: number): Promise<{ submissionId: string; file: FileStateRecord }[]> {
  const out = new Map<string, { submissionId: string; file: FileStateRecord }>();
  for await (const row of table.listEntities<JsonEntity>({ queryOptions: { filter: `PartitionKey eq '${PARTITION}'` } })) {
    const failure = unpackJson<{ submissionId: string; file: FileStateRecord }>(row);
    const key = `${failure.submissionId}/${failure.file.fileId}`;
    if (!out.has(key)) out.set(key, failure);
    if (out.size >= limit) break;
  }
  return [...out.values()];
}
