import { setTimeout as sleep } from 'node:timers/promises';
import { RestError, type TransactionAction } from '@azure/data-tables';
import type { StorageAccess } from '../azure-access/azure-access.js';
import { TableSet } from '../table-storage/table-set.js';
import { bandKeys } from './band-keys.js';
import { candidateOf, memberKey, packMembers, type Member } from './bucket-member.js';
import { checkEntry } from './check-entry.js';
import type { DuplicateEntry, DuplicateIndex, DuplicateIndexOptions, DuplicateMatch, DuplicateQuery } from './duplicate-index.js';
import { indexSettings, type IndexSettings } from './index-settings.js';
import { inTransactions } from './in-transactions.js';
import { planBuckets } from './plan-buckets.js';
import { rankMatches } from './rank-matches.js';
import { readBuckets, type StoredBucket } from './read-buckets.js';
import { RecentBuckets } from './recent-buckets.js';
import { partitionOf, shaBucketOf } from './table-keys.js';

/**
 * Another writer changed a bucket between our read and our write (409, 412), or no answer came at
 * all (the SDK does not retry a socket Azurite closed under us, EPIPE): read again and write again,
 * which is safe because members are idempotent, after a jittered pause so that writers of one bucket spread out.
 */
const MAX_ATTEMPTS = 10;
const isRetryable = (e: unknown): boolean =>
  e instanceof RestError && (e.statusCode === 409 || e.statusCode === 412 || e.statusCode === undefined);

/**
 * DuplicateIndex on Azure Table Storage (Azurite locally). A bucket is one entity holding its
 * files as a list (bucket-member.ts): one per band key (band-keys.ts says why these find every near
 * duplicate) and one per SHA-256 prefix. A lookup is point reads of its buckets only: 8 for a
 * photo at 6 bits. Not one row per file and key, queried by partition: Azurite answers any filter
 * by testing every entity of the table (LokiTableMetadataStore.queryTableEntities), so each of such
 * a lookup's 8 queries would test all 800,000 rows of a 100,000-file client. An insert reads its buckets (or takes those its lookup just read) and replaces them in one
 * transaction, guarded by their ETags; files indexed before the window are dropped from a bucket
 * when it is next written.
 */
export class TableDuplicateIndex implements DuplicateIndex {
  private readonly settings: IndexSettings;
  private readonly tables: TableSet<string>;
  private readonly tableName: string;
  /** Enough for a video's lookup: 7 band keys for each of its 13 hashes (poster and up to 12 keyframes) and its SHA-256 bucket, 92. */
  private readonly recent = new RecentBuckets(128);

  /** A connection string (Azurite, keys) or an account reached as a managed identity. */
  constructor(access: StorageAccess | string, options: DuplicateIndexOptions & { tableName?: string } = {}) {
    this.settings = indexSettings(options);
    this.tableName = options.tableName ?? 'duplicates';
    this.tables = new TableSet(access, [this.tableName]);
  }

  async insert(entry: DuplicateEntry): Promise<void> {
    await this.insertMany([entry]);
  }

  async insertMany(entries: readonly DuplicateEntry[]): Promise<void> {
    const byClient = new Map<string, DuplicateEntry[]>();
    for (const entry of entries.map(checkEntry)) {
      const list = byClient.get(entry.clientId) ?? [];
      byClient.set(entry.clientId, list);
      list.push(entry);
    }
    for (const [clientId, list] of byClient) {
      const plan = planBuckets(list, this.settings.maxBits);
      for (let attempt = 1; ; attempt++) {
        try {
          await this.write(partitionOf(clientId), plan, attempt === 1);
          break;
        } catch (e) {
          if (!isRetryable(e) || attempt >= MAX_ATTEMPTS) throw e;
          await sleep(Math.random() * 10 * attempt);
        }
      }
    }
  }

  async lookup(query: DuplicateQuery): Promise<DuplicateMatch[]> {
    const checked = checkEntry(query);
    const { maxBits, windowMs, now } = this.settings;
    const keys = new Set([shaBucketOf(checked.sha256), ...checked.hashes.flatMap((h) => bandKeys(h, maxBits))]);
    const partitionKey = partitionOf(checked.clientId);
    const buckets = await readBuckets(await this.tables.table(this.tableName), partitionKey, [...keys]);
    this.recent.remember(partitionKey, buckets);
    const candidates = [...buckets.values()].flatMap((b) => b.members.map(candidateOf));
    return rankMatches(checked, candidates, { maxBits, sinceMs: now().getTime() - windowMs });
  }

  /**
   * One read-merge-write of the planned buckets, the first attempt with what the last lookups read;
   * a conflict anywhere throws and the caller starts again.
   */
  private async write(partitionKey: string, plan: Map<string, Member[]>, useRecent: boolean): Promise<void> {
    const table = await this.tables.table(this.tableName);
    const sinceMs = this.settings.now().getTime() - this.settings.windowMs;
    const stored = useRecent ? this.recent.take(partitionKey, [...plan.keys()]) : new Map<string, StoredBucket>();
    const unread = [...plan.keys()].filter((rowKey) => !stored.has(rowKey));
    for (const [rowKey, bucket] of await readBuckets(table, partitionKey, unread)) stored.set(rowKey, bucket);
    const actions: TransactionAction[] = [];
    for (const [rowKey, adding] of plan) {
      const { etag, members } = stored.get(rowKey)!;
      const kept = members.filter((m) => m[3] >= sinceMs);
      const present = new Set(kept.map(memberKey));
      const fresh = adding.filter((m) => m[3] >= sinceMs && !present.has(memberKey(m)));
      if (!fresh.length) continue;
      const entity = { partitionKey, rowKey, ...packMembers([...kept, ...fresh]) };
      actions.push(etag ? ['update', entity, 'Replace', { etag }] : ['create', entity]);
    }
    // Past one transaction's limits the write is not atomic; members being idempotent, a repeated insert completes it.
    await inTransactions(table, actions);
  }
}
