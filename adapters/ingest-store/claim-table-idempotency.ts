import { RestError, type TableClient } from '@azure/data-tables';
import { packJson, unpackJson, type JsonEntity } from '../table-storage/json-entity.js';
import type { IdempotencyRecord, PendingIdempotency } from './ingest-store.js';

const isStatus = (e: unknown, ...statuses: number[]): boolean => e instanceof RestError && statuses.includes(e.statusCode ?? 0);

/**
 * Insert-if-absent of a pending claim, or a take-over of an expired one conditional on its ETag: Table Storage
 * lets exactly one of concurrent writers succeed either way. A writer that loses a race looks again.
 */
export async function claimTableIdempotency(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
  claim: PendingIdempotency,
  now: string,
): Promise<IdempotencyRecord | undefined> {
  const entity = { partitionKey, rowKey, ...packJson(claim) };
  for (;;) {
    try {
      await table.createEntity(entity);
      return undefined;
    } catch (e) {
      if (!isStatus(e, 409)) throw e;
    }
    let stored: JsonEntity & { etag: string };
    try {
      stored = await table.getEntity<JsonEntity>(partitionKey, rowKey);
    } catch (e) {
      if (isStatus(e, 404)) continue; // released between our insert and our read
      throw e;
    }
    const current = unpackJson<IdempotencyRecord>(stored);
    if (current.state !== 'pending' || current.expiresAt > now) return current;
    try {
      await table.updateEntity(entity, 'Replace', { etag: stored.etag });
      return undefined;
    } catch (e) {
      if (!isStatus(e, 404, 412)) throw e;
    }
  }
}
