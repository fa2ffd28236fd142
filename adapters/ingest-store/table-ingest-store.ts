import { createHash } from 'node:crypto';
import { RestError, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { packJson, unpackJson, type JsonEntity } from '../table-storage/json-entity.js';
import { TableSet } from '../table-storage/table-set.js';
import type { PublishedEvent } from '../event-publisher/event-publisher.js';
import type { StorageAccess } from '../azure-access/azure-access.js';
import { droppedRows } from './dropped-rows.js';
import { claimTableIdempotency } from './claim-table-idempotency.js';
import { settleTableIdempotency } from './settle-table-idempotency.js';
import { replaceWithEtag } from './replace-with-etag.js';
import { listDeskIndex } from './list-desk-index.js';
import { readDeskChanges, writeDeskChange } from './read-desk-changes.js';
import { listingKeyOf, newestFirst, withDuplicates, withFileFacets, withFirstTimes, withPatch } from './desk-records.js';
import { oldestEscalationFirst } from './oldest-escalation-first.js';
import { updateTableFileState } from './update-table-file-state.js';
import type {
  AllSubmissionsQuery,
  AnsweredIdempotency,
  ClientRecord,
  EmailRecord,
  EscalationRecord,
  FileStateChange,
  FileStateRecord,
  IdempotencyRecord,
  IngestStore,
  PendingIdempotency,
  SubmissionRecord,
  SubmissionStatus,
  UploadSessionRecord,
} from './ingest-store.js';

const TABLES = [
  'clients',
  'apikeys',
  'senders',
  'submissions',
  'clientsubmissions',
  'deskindex',
  'deskchanges',
  'filestates',
  'idempotency',
  'emails',
  'uploadsessions',
  'filefailures',
  'escalations',
] as const;
type Table = (typeof TABLES)[number];

/** Keys may not contain / \ # ? or control characters: hash anything user-supplied. */
const keyOf = (text: string): string => createHash('sha256').update(text).digest('hex');

type Doc = JsonEntity;
const FAILURES = 'failures';
const pack = packJson;
const unpack = <T>(entity: Doc | undefined): T | undefined => (entity ? unpackJson<T>(entity) : undefined);
const isStatus = (e: unknown, status: number): boolean => e instanceof RestError && e.statusCode === status;

/** IngestStore on Azure Table Storage: one JSON document per entity, partitions chosen for the queries. */
export class TableIngestStore implements IngestStore {
  private readonly tables: TableSet<Table>;

  /** A connection string (Azurite, keys) or an account reached as a managed identity. */
  constructor(access: StorageAccess | string) {
    this.tables = new TableSet(access, TABLES);
  }

  private table(name: Table): Promise<TableClient> {
    return this.tables.table(name);
  }

  private async get<T>(table: Table, pk: string, rk: string): Promise<T | undefined> {
    try {
      return unpack<T>(await (await this.table(table)).getEntity<Doc>(pk, rk));
    } catch (e) {
      if (isStatus(e, 404)) return undefined;
      throw e;
    }
  }

  private async put(table: Table, pk: string, rk: string, value: unknown): Promise<void> {
    await (await this.table(table)).upsertEntity({ partitionKey: pk, rowKey: rk, ...pack(value) }, 'Replace');
  }

  /** Insert-if-absent: returns the existing value on conflict. */
  private async claim<T>(table: Table, pk: string, rk: string, value: T): Promise<T | undefined> {
    try {
      await (await this.table(table)).createEntity({ partitionKey: pk, rowKey: rk, ...pack(value) });
      return undefined;
    } catch (e) {
      if (isStatus(e, 409)) return this.get<T>(table, pk, rk);
      throw e;
    }
  }

  async putClient(client: ClientRecord, apiKeyHash: string): Promise<void> {
    await this.put('clients', 'client', client.clientId, client);
    await this.put('apikeys', apiKeyHash, 'key', { clientId: client.clientId });
  }

  async createClient(client: ClientRecord): Promise<boolean> {
    if (await this.getClient(client.clientId)) return false;
    await this.addRows(client);
    try {
      await (await this.table('clients')).createEntity({ partitionKey: 'client', rowKey: client.clientId, ...pack(client) });
      return true;
    } catch (e) {
      if (isStatus(e, 409)) return false;
      throw e;
    }
  }

  async updateClient(clientId: string, change: (current: ClientRecord) => ClientRecord): Promise<ClientRecord | undefined> {
    let current: ClientRecord | undefined;
    // Optimistic concurrency: a rotation and a PATCH at the same moment both apply, one after the other.
    const next = await replaceWithEtag<ClientRecord>(await this.table('clients'), 'client', clientId, async (stored) => {
      const changed = change((current = stored));
      await this.addRows(changed);
      return changed;
    });
    if (next) await this.dropRows(current!, next);
    return next;
  }

  async listClients(): Promise<ClientRecord[]> {
    const table = await this.table('clients');
    const out: ClientRecord[] = [];
    for await (const row of table.listEntities<Doc>({ queryOptions: { filter: "PartitionKey eq 'client'" } }))
      out.push(unpack<ClientRecord>(row)!);
    return out;
  }

  private async addRows(client: ClientRecord): Promise<void> {
    for (const key of client.apiKeys ?? []) await this.put('apikeys', key.hash, 'key', { clientId: client.clientId });
    for (const address of client.mailSenders ?? []) await this.putSender(address, client.clientId);
  }

  private async dropRows(current: ClientRecord, next: ClientRecord): Promise<void> {
    const { keys, senders } = droppedRows(current, next);
    for (const hash of keys) await this.remove('apikeys', hash, 'key');
    // A sender another client has taken over since stays theirs.
    for (const address of senders)
      if ((await this.clientIdBySender(address)) === current.clientId) await this.remove('senders', keyOf(address), 'sender');
  }

  private async remove(table: Table, pk: string, rk: string): Promise<void> {
    try {
      await (await this.table(table)).deleteEntity(pk, rk);
    } catch (e) {
      if (!isStatus(e, 404)) throw e;
    }
  }

  async clientByKeyHash(apiKeyHash: string): Promise<ClientRecord | undefined> {
    const ref = await this.get<{ clientId: string }>('apikeys', apiKeyHash, 'key');
    return ref ? this.getClient(ref.clientId) : undefined;
  }

  getClient(clientId: string): Promise<ClientRecord | undefined> {
    return this.get<ClientRecord>('clients', 'client', clientId);
  }

  putSender(address: string, clientId: string): Promise<void> {
    return this.put('senders', keyOf(address.toLowerCase()), 'sender', { address: address.toLowerCase(), clientId });
  }

  async clientIdBySender(address: string): Promise<string | undefined> {
    return (await this.get<{ clientId: string }>('senders', keyOf(address.toLowerCase()), 'sender'))?.clientId;
  }

  async createSubmission(record: SubmissionRecord, event: PublishedEvent): Promise<void> {
    // The index row first: one pointing at a submission that was never written is skipped on read.
    await this.put('clientsubmissions', record.clientId, `${newestFirst(record.receivedAt)}_${record.submissionId}`, {
      submissionId: record.submissionId,
    });
    const actions: TransactionAction[] = [
      ['create', { partitionKey: record.submissionId, rowKey: 'submission', ...pack(record) }],
      ['create', { partitionKey: record.submissionId, rowKey: 'outbox', ...pack(event) }],
    ];
    await (await this.table('submissions')).submitTransaction(actions);
    await this.index(record);
  }

  getSubmission(submissionId: string): Promise<SubmissionRecord | undefined> {
    return this.get<SubmissionRecord>('submissions', submissionId, 'submission');
  }

  async listSubmissions(
    clientId: string,
    filter: { status?: SubmissionStatus; since?: string; limit: number },
  ): Promise<SubmissionRecord[]> {
    const table = await this.table('clientsubmissions');
    const out: SubmissionRecord[] = [];
    const upTo = filter.since ? `${newestFirst(filter.since)}_~` : undefined;
    const query = `PartitionKey eq '${clientId.replace(/'/g, "''")}'${upTo ? ` and RowKey le '${upTo}'` : ''}`;
    for await (const row of table.listEntities<Doc>({ queryOptions: { filter: query } })) {
      const ref = unpack<{ submissionId: string }>(row)!;
      const record = await this.getSubmission(ref.submissionId);
      if (!record || (filter.status && record.status !== filter.status)) continue;
      out.push(record);
      if (out.length >= filter.limit) break;
    }
    return out;
  }

  async updateSubmission(submissionId: string, patch: Partial<Pick<SubmissionRecord, 'status' | 'published'>>): Promise<void> {
    const updated = await this.changeSubmission(submissionId, (record) => withPatch(record, patch, new Date().toISOString()));
    if (!updated) throw new Error(`No submission ${submissionId}.`);
  }

  async transitionSubmission(submissionId: string, from: SubmissionStatus[], to: SubmissionStatus): Promise<boolean> {
    return this.changeSubmission(submissionId, (record) =>
      from.includes(record.status) ? withPatch(record, { status: to }, new Date().toISOString()) : undefined,
    );
  }

  async setFileState(submissionId: string, state: FileStateRecord): Promise<void> {
    const recorded = withFirstTimes(state, await this.get<FileStateRecord>('filestates', submissionId, state.fileId));
    await this.put('filestates', submissionId, state.fileId, recorded);
    await this.fileRecorded(submissionId, recorded);
  }

  /** What follows a file's state, however it was written: the failures' index and the submission's facets. */
  private async fileRecorded(submissionId: string, state: FileStateRecord): Promise<void> {
    // Failures are also kept newest first in one partition: the desk's system view lists the latest without a scan.
    if (state.state === 'failed' || state.state === 'timed-out')
      await this.put('filefailures', FAILURES, `${newestFirst(state.updatedAt)}_${keyOf(submissionId)}_${keyOf(state.fileId)}`, {
        submissionId,
        file: state,
      });
    await this.changeSubmission(submissionId, (record) => withFileFacets(record, state, new Date().toISOString()));
  }

  async fileStates(submissionId: string): Promise<Record<string, FileStateRecord>> {
    const table = await this.table('filestates');
    const out: Record<string, FileStateRecord> = {};
    for await (const row of table.listEntities<Doc>({
      queryOptions: { filter: `PartitionKey eq '${submissionId.replace(/'/g, "''")}'` },
    })) {
      const state = unpack<FileStateRecord>(row)!;
      out[state.fileId] = state;
    }
    return out;
  }

  async pendingEvents(limit: number): Promise<{ submissionId: string; event: PublishedEvent }[]> {
    const table = await this.table('submissions');
    const out: { submissionId: string; event: PublishedEvent }[] = [];
    for await (const row of table.listEntities<TableEntity<Doc>>({ queryOptions: { filter: "RowKey eq 'outbox'" } })) {
      const event = unpack<PublishedEvent>(row)!;
      out.push({ submissionId: row.partitionKey, event: { ...event, time: new Date(event.time) } });
      if (out.length >= limit) break;
    }
    return out;
  }

  async markPublished(submissionId: string): Promise<void> {
    const record = await this.getSubmission(submissionId);
    const actions: TransactionAction[] = [['delete', { partitionKey: submissionId, rowKey: 'outbox' }]];
    if (record)
      actions.push(['upsert', { partitionKey: submissionId, rowKey: 'submission', ...pack({ ...record, published: true }) }, 'Replace']);
    try {
      await (await this.table('submissions')).submitTransaction(actions);
    } catch (e) {
      // Already published by another relay: the outbox row is gone.
      if (!isStatus(e, 404)) throw e;
    }
  }

  async claimIdempotency(clientId: string, key: string, claim: PendingIdempotency, now: string): Promise<IdempotencyRecord | undefined> {
    return claimTableIdempotency(await this.table('idempotency'), clientId, keyOf(key), claim, now);
  }

  async answerIdempotency(clientId: string, key: string, claimId: string, answer: AnsweredIdempotency): Promise<boolean> {
    return settleTableIdempotency(await this.table('idempotency'), clientId, keyOf(key), claimId, answer);
  }

  async releaseIdempotency(clientId: string, key: string, claimId: string): Promise<boolean> {
    return settleTableIdempotency(await this.table('idempotency'), clientId, keyOf(key), claimId, undefined);
  }

  getIdempotency(clientId: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.get('idempotency', clientId, keyOf(key));
  }

  claimEmail(record: EmailRecord): Promise<EmailRecord | undefined> {
    return this.claim('emails', keyOf(record.internetMessageId), 'email', record);
  }

  putUploadSession(session: UploadSessionRecord): Promise<void> {
    return this.put('uploadsessions', session.sessionId, 'session', session);
  }

  getUploadSession(sessionId: string): Promise<UploadSessionRecord | undefined> {
    return this.get('uploadsessions', sessionId, 'session');
  }

  async recentFailures(limit: number): Promise<{ submissionId: string; file: FileStateRecord }[]> {
    const table = await this.table('filefailures');
    const out = new Map<string, { submissionId: string; file: FileStateRecord }>();
    // Rows come newest first; a state recorded twice (an activity's retry) has two rows, and the newer one counts.
    for await (const row of table.listEntities<Doc>({ queryOptions: { filter: `PartitionKey eq '${FAILURES}'` } })) {
      const failure = unpack<{ submissionId: string; file: FileStateRecord }>(row)!;
      const key = `${failure.submissionId}/${failure.file.fileId}`;
      if (!out.has(key)) out.set(key, failure);
      if (out.size >= limit) break;
    }
    return [...out.values()];
  }

  // ---- The desk's escalation queue and resolutions (issue 13) ----

  async updateFileState(submissionId: string, fileId: string, change: FileStateChange): Promise<FileStateRecord | undefined> {
    // Each state's first time is kept, as setFileState keeps it, and what follows a state follows this one too.
    const written = await updateTableFileState(await this.table('filestates'), submissionId, fileId, (current) => {
      const next = change(current);
      return next && withFirstTimes({ ...next, fileId }, current);
    });
    if (written) await this.fileRecorded(submissionId, written);
    return written;
  }

  putEscalation(record: EscalationRecord): Promise<void> {
    return this.put('escalations', 'escalation', `${record.submissionId}.${record.fileId}`, record);
  }

  removeEscalation(submissionId: string, fileId: string): Promise<void> {
    return this.remove('escalations', 'escalation', `${submissionId}.${fileId}`);
  }

  async listEscalations(): Promise<EscalationRecord[]> {
    // One small partition: only files within their grace period are in it.
    const table = await this.table('escalations');
    const out: EscalationRecord[] = [];
    for await (const row of table.listEntities<Doc>({ queryOptions: { filter: "PartitionKey eq 'escalation'" } }))
      out.push(unpack<EscalationRecord>(row)!);
    return out.sort(oldestEscalationFirst);
  }

  // ---- The desk (issue 13): `deskindex` holds every submission whole, newest first (one range read lists a page);
  // `deskchanges` a row per change pointing at its submission, for the live feed.
  /**
   * Replaces a submission (under its ETag: files finish in parallel), then the desk's copies; false when there is none,
   * or `change` returned undefined (nothing written).
   */
  private async changeSubmission(
    submissionId: string,
    change: (record: SubmissionRecord) => SubmissionRecord | undefined,
  ): Promise<boolean> {
    const next = await replaceWithEtag(await this.table('submissions'), submissionId, 'submission', change);
    if (next) await this.index(next);
    return next !== undefined;
  }

  /** Written after the record: a crash between leaves the desk's copy a step behind until the next change. */
  private async index(record: SubmissionRecord): Promise<void> {
    await this.put('deskindex', 'all', listingKeyOf(record), record);
    await writeDeskChange(await this.table('deskchanges'), record);
  }

  async listAllSubmissions(query: AllSubmissionsQuery): Promise<{ submissions: SubmissionRecord[]; nextCursor: string | null }> {
    return listDeskIndex(await this.table('deskindex'), query);
  }

  async changedSubmissions(since: string, limit: number): Promise<SubmissionRecord[]> {
    return readDeskChanges(await this.table('deskchanges'), since, limit, (id) => this.getSubmission(id));
  }

  async setDuplicates(submissionId: string, fileIds: string[]): Promise<void> {
    await this.changeSubmission(submissionId, (record) => withDuplicates(record, fileIds, new Date().toISOString()));
  }
}
