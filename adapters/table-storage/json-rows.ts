import { RestError, type TableClient } from '@azure/data-tables';
import { packJson, unpackJson, type JsonEntity } from './json-entity.js';

/**
 * The row operations of a table whose rows each hold one JSON document (json-entity.ts): read, write, insert if
 * absent, delete, and read a whole partition. A missing row reads as undefined and deletes as done.
 */
const isStatus = (e: unknown, status: number): boolean => e instanceof RestError && e.statusCode === status;

export async function getJson<T>(table: TableClient, pk: string, rk: string): Promise<T | undefined> {
  try {
    return unpackJson<T>(await table.getEntity<JsonEntity>(pk, rk));
  } catch (e) {
    if (isStatus(e, 404)) return undefined;
    throw e;
  }
}

export async function putJson(table: TableClient, pk: string, rk: string, value: unknown): Promise<void> {
  await table.upsertEntity({ partitionKey: pk, rowKey: rk, ...packJson(value) }, 'Replace');
}

/** Insert-if-absent: undefined when written, else the value already there. */
export async function claimJson<T>(table: TableClient, pk: string, rk: string, value: T): Promise<T | undefined> {
  try {
    await table.createEntity({ partitionKey: pk, rowKey: rk, ...packJson(value) });
    return undefined;
  } catch (e) {
    if (isStatus(e, 409)) return getJson<T>(table, pk, rk);
    throw e;
  }
}

export async function removeRow(table: TableClient, pk: string, rk: string): Promise<void> {
  try {
    await table.deleteEntity(pk, rk);
  } catch (e) {
    if (!isStatus(e, 404)) throw e;
  }
}

/** Every document of one partition, in row key order. */
export async function listPartitionJson<T>(table: TableClient, pk: string): Promise<T[]> {
  const out: T[] = [];
  const filter = `PartitionKey eq '${pk.replace(/'/g, "''")}'`;
  for await (const row of table.listEntities<JsonEntity>({ queryOptions: { filter } })) out.push(unpackJson<T>(row));
  return out;
}
