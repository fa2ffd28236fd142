import { RestError, type TableClient } from '@azure/data-tables';
import { packJson, unpackJson, type JsonEntity } from '../table-storage/json-entity.js';
import type { AnsweredIdempotency, IdempotencyRecord } from './ingest-store.js';

const isStatus = (e: unknown, ...statuses: number[]): boolean => e instanceof RestError && statuses.includes(e.statusCode ?? 0);

/**
 * Replaces the pending claim `claimId` with `answer`, or deletes it when there is no answer; conditional on the ETag
 * read, so a claim taken over after it expired is left alone. False when `claimId` no longer holds the key.
 */
export async function settleTableIdempotency(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
  claimId: string,
  answer: AnsweredIdempotency | undefined,
): Promise<boolean> {
  try {
    const stored = await table.getEntity<JsonEntity>(partitionKey, rowKey);
    const current = unpackJson<IdempotencyRecord>(stored);
    if (current.state !== 'pending' || current.claimId !== claimId) return false;
    if (answer) await table.updateEntity({ partitionKey, rowKey, ...packJson(answer) }, 'Replace', { etag: stored.etag });
    else await table.deleteEntity(partitionKey, rowKey, { etag: stored.etag });
    return true;
  } catch (e) {
    if (isStatus(e, 404, 412)) return false;
    throw e;
  }
}
