import { RestError, type TableClient } from '@azure/data-tables';
import { packJson, unpackJson, type JsonEntity } from '../table-storage/json-entity.js';

/**
 * Replaces a JSON document with what `change` makes of it under optimistic concurrency (the entity's ETag), reading
 * again when another writer came first; undefined when there is no such entity, or `change` returned undefined (a
 * conditional write whose condition no longer holds: nothing is written).
 */
export async function replaceWithEtag<T>(
  table: TableClient,
  pk: string,
  rk: string,
  change: (current: T) => T | undefined | Promise<T | undefined>,
): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    let stored: JsonEntity & { etag: string };
    try {
      stored = await table.getEntity<JsonEntity>(pk, rk);
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return undefined;
      throw e;
    }
    const next = await change(unpackJson<T>(stored));
    if (next === undefined) return undefined;
    try {
      await table.updateEntity({ partitionKey: pk, rowKey: rk, ...packJson(next) }, 'Replace', { etag: stored.etag });
      return next;
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 412 && attempt < 10) continue;
      throw e;
    }
  }
}
