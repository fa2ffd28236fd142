import { RestError, type TableClient } from '@azure/data-tables';
import type { JsonEntity } from '../table-storage/json-entity.js';
import { membersOf, type Member } from './bucket-member.js';
import { Semaphore } from '../../lib/resilience/semaphore.js';

/** A bucket as read: its members, and the ETag to replace it with (none: not written yet). */
export interface StoredBucket {
  etag?: string;
  members: Member[];
}

/** Point reads of the buckets, in parallel: the only way TableDuplicateIndex reads (Azurite answers a filter by scanning the table). */
export async function readBuckets(
  table: TableClient,
  partitionKey: string,
  rowKeys: readonly string[],
): Promise<Map<string, StoredBucket>> {
  // A backfill reads thousands of buckets: at most 32 reads in flight.
  const slots = new Semaphore(32);
  const read = await Promise.all(
    rowKeys.map((rowKey) =>
      slots.run(async (): Promise<[string, StoredBucket]> => {
        try {
          const entity = await table.getEntity<JsonEntity>(partitionKey, rowKey);
          return [rowKey, { etag: entity.etag, members: membersOf(entity) }];
        } catch (e) {
          if (e instanceof RestError && e.statusCode === 404) return [rowKey, { members: [] }];
          throw e;
        }
      }),
    ),
  );
  return new Map(read);
}
