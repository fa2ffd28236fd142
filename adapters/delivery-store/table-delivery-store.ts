import { RestError } from '@azure/data-tables';
import { packJson as pack, unpackJson as unpack, type JsonEntity as Doc } from '../table-storage/json-entity.js';
import { TableSet } from '../table-storage/table-set.js';
import { FIRST_REPLAY_NUMBER, type DeadLetter, type DeliveryAttempt, type DeliveryStore } from './delivery-store.js';
import type { StorageAccess } from '../azure-access/azure-access.js';
import { attemptKey, deliveryKey as key } from './delivery-keys.js';

const TABLES = ['deliveryattempts', 'deliverydeadletters', 'deliverycounters'] as const;
type Table = (typeof TABLES)[number];

const DEAD_LETTER_ROW = 'deadletter';
const COUNTER_ROW = 'replays';
/** Enough for any realistic burst of concurrent replays of one submission; more is a fault worth surfacing. */
const MAX_TRIES = 20;
const isStatus = (e: unknown, status: number): boolean => e instanceof RestError && e.statusCode === status;

/** DeliveryStore on Azure Table Storage, partitioned by submissionId (one partition per delivery log). */
export class TableDeliveryStore implements DeliveryStore {
  private readonly tables: TableSet<Table>;

  /** A connection string (Azurite, keys) or an account reached as a managed identity. */
  constructor(access: StorageAccess | string) {
    this.tables = new TableSet(access, TABLES);
  }

  private table(name: Table) {
    return this.tables.table(name);
  }

  async recordAttempt(submissionId: string, attempt: DeliveryAttempt): Promise<void> {
    const entity = { partitionKey: key('submissionId', submissionId), rowKey: attemptKey(attempt), ...pack(attempt) };
    // Replace, not insert: an activity that ran twice made two real tries, and the row should match
    // the result the orchestration went on with, which is the later one.
    await (await this.table('deliveryattempts')).upsertEntity(entity, 'Replace');
  }

  async listAttempts(submissionId: string): Promise<DeliveryAttempt[]> {
    const table = await this.table('deliveryattempts');
    const filter = `PartitionKey eq '${key('submissionId', submissionId).replace(/'/g, "''")}'`;
    const attempts: DeliveryAttempt[] = [];
    for await (const row of table.listEntities<Doc>({ queryOptions: { filter } })) attempts.push(unpack<DeliveryAttempt>(row));
    // Rows come in key order (delivery, then attempt); a replayed delivery may interleave in time.
    return attempts.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }

  async putDeadLetter(submissionId: string, letter: DeadLetter): Promise<void> {
    const entity = { partitionKey: key('submissionId', submissionId), rowKey: DEAD_LETTER_ROW, ...pack(letter) };
    await (await this.table('deliverydeadletters')).upsertEntity(entity, 'Replace');
  }

  async getDeadLetter(submissionId: string): Promise<DeadLetter | undefined> {
    try {
      const table = await this.table('deliverydeadletters');
      return unpack<DeadLetter>(await table.getEntity<Doc>(key('submissionId', submissionId), DEAD_LETTER_ROW));
    } catch (e) {
      if (isStatus(e, 404)) return undefined;
      throw e;
    }
  }

  async clearDeadLetter(submissionId: string): Promise<void> {
    try {
      await (await this.table('deliverydeadletters')).deleteEntity(key('submissionId', submissionId), DEAD_LETTER_ROW);
    } catch (e) {
      if (!isStatus(e, 404)) throw e;
    }
  }

  async allocateDeliveryNumber(submissionId: string): Promise<number> {
    const table = await this.table('deliverycounters');
    const partitionKey = key('submissionId', submissionId);
    // Optimistic concurrency: create the row (409 if another caller did) or bump it under its ETag (412 if
    // another caller bumped it first); the loser reads again, so every caller gets its own number.
    for (let attempt = 1; ; attempt++) {
      try {
        const stored = await getOrUndefined(() => table.getEntity<{ last: number }>(partitionKey, COUNTER_ROW));
        const next = stored ? stored.last + 1 : FIRST_REPLAY_NUMBER;
        if (stored) await table.updateEntity({ partitionKey, rowKey: COUNTER_ROW, last: next }, 'Replace', { etag: stored.etag });
        else await table.createEntity({ partitionKey, rowKey: COUNTER_ROW, last: next });
        return next;
      } catch (e) {
        if ((isStatus(e, 409) || isStatus(e, 412)) && attempt < MAX_TRIES) continue;
        throw e;
      }
    }
  }
}

async function getOrUndefined<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (e) {
    if (isStatus(e, 404)) return undefined;
    throw e;
  }
}
