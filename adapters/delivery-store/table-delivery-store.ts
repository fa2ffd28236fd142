import { RestError, TableClient } from '@azure/data-tables';
import type { DeadLetter, DeliveryAttempt, DeliveryStore } from './delivery-store.js';

const TABLES = ['deliveryattempts', 'deliverydeadletters'] as const;
type Table = (typeof TABLES)[number];

// A string property holds at most 64 KiB of UTF-16 (32K chars) and an entity 1 MiB: a summary of
// a large submission needs several properties, and past ~900 KB it does not fit at all.
const CHUNK_CHARS = 30_000;
const MAX_CHUNKS = 15;

type Doc = Record<string, unknown> & { parts: number };

/**
 * JSON with every non-ASCII character written as \uXXXX, split over json0..jsonN. ASCII only
 * because Azurite decodes each network chunk of a request separately (serializer.js joins the
 * Buffers as strings), corrupting a multi-byte character that straddles two chunks; it also
 * means a split can never fall inside a surrogate pair. JSON.parse reads it back unchanged.
 */
function pack(value: unknown): Doc {
  const json = JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const parts = Math.ceil(json.length / CHUNK_CHARS);
  if (parts > MAX_CHUNKS) throw new RangeError(`Delivery record of ${json.length} characters is too large for a table entity.`);
  const doc: Doc = { parts };
  for (let i = 0; i < parts; i++) doc[`json${i}`] = json.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS);
  return doc;
}

function unpack<T>(doc: Doc): T {
  return JSON.parse(Array.from({ length: doc.parts }, (_, i) => doc[`json${i}`]).join('')) as T;
}

// Table keys may not contain / \ # ? or control characters. Ours are generated ids, so a bad one
// is a bug to surface, not something to escape (escaping would also change the sort order).
const isForbidden = (c: string): boolean => '/\\#?'.includes(c) || c <= '\u001f' || (c >= '\u007f' && c <= '\u009f');
function key(name: string, value: string): string {
  if (value === '' || value.length > 255 || [...value].some(isForbidden))
    throw new RangeError(`Invalid ${name} for a table key: ${JSON.stringify(value)}`);
  return value;
}

/** Row key `${deliveryId}.${attempt padded}`: one row per try, so a repeated write lands on the same row. */
function attemptKey(attempt: DeliveryAttempt): string {
  if (!Number.isSafeInteger(attempt.attempt) || attempt.attempt < 1 || attempt.attempt > 999_999) {
    throw new RangeError(`Invalid attempt number ${attempt.attempt}`);
  }
  return `${key('deliveryId', attempt.deliveryId)}.${String(attempt.attempt).padStart(6, '0')}`;
}

const DEAD_LETTER_ROW = 'deadletter';
const isStatus = (e: unknown, status: number): boolean => e instanceof RestError && e.statusCode === status;

/** DeliveryStore on Azure Table Storage, partitioned by submissionId (one partition per delivery log). */
export class TableDeliveryStore implements DeliveryStore {
  private readonly clients = new Map<Table, TableClient>();
  private created: Promise<unknown> | undefined;

  constructor(connectionString: string) {
    for (const t of TABLES) this.clients.set(t, TableClient.fromConnectionString(connectionString, t, { allowInsecureConnection: true }));
  }

  private async table(name: Table): Promise<TableClient> {
    this.created ??= Promise.all([...this.clients.values()].map((c) => c.createTable())).catch((e: unknown) => {
      this.created = undefined;
      throw e;
    });
    await this.created;
    return this.clients.get(name)!;
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
}
