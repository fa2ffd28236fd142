import { RestError, type TableClient } from '@azure/data-tables';
import { packJson, unpackJson, type JsonEntity } from '../table-storage/json-entity.js';
import type { FileStateChange, FileStateRecord } from './ingest-store.js';

const isStatus = (e: unknown, ...statuses: number[]): boolean => e instanceof RestError && statuses.includes(e.statusCode ?? 0);
const ATTEMPTS = 10;

/**
 * Optimistic concurrency on one file's state row: read it with its ETag, write what `change` makes of it only if the
 * row is still that one (or, when there was none, only if none appeared), and run `change` again on the newer row
 * when another writer came first. So a person's resolution and the orchestration's own writes never erase each other.
 */
export async function updateTableFileState(
  table: TableClient,
  submissionId: string,
  fileId: string,
  change: FileStateChange,
): Promise<FileStateRecord | undefined> {
  for (let attempt = 1; ; attempt++) {
    let stored: (JsonEntity & { etag: string }) | undefined;
    try {
      stored = await table.getEntity<JsonEntity>(submissionId, fileId);
    } catch (e) {
      if (!isStatus(e, 404)) throw e;
    }
    const next = change(stored && unpackJson<FileStateRecord>(stored));
    if (next === undefined) return undefined;
    const entity = { partitionKey: submissionId, rowKey: fileId, ...packJson({ ...next, fileId }) };
    try {
      if (stored) await table.updateEntity(entity, 'Replace', { etag: stored.etag });
      else await table.createEntity(entity);
      return { ...next, fileId };
    } catch (e) {
      if (!isStatus(e, 409, 412) || attempt >= ATTEMPTS) throw e;
    }
  }
}
