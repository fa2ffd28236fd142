import type { TableClient, TransactionAction } from '@azure/data-tables';
import { packJson, unpackJson, type JsonEntity } from '../table-storage/json-entity.js';
import { TableSet } from '../table-storage/table-set.js';
import { tableKeyOf } from '../table-storage/table-key.js';
import { claimJson, getJson, listPartitionJson, putJson, removeRow } from '../table-storage/json-rows.js';
import type { PublishedEvent } from '../event-publisher/event-publisher.js';
import type { StorageAccess } from '../azure-access/azure-access.js';
import { droppedRows } from './dropped-rows.js';
import { claimTableIdempotency } from './claim-table-idempotency.js';
import { settleTableIdempotency } from './settle-table-idempotency.js';
import { CoalescedChanges } from './coalesced-changes.js';
import { replaceWithEtag } from './replace-with-etag.js';
import { listDeskIndex } from './list-desk-index.js';
import { readDeskChanges, writeDeskChange } from './read-desk-changes.js';
import { listingKeyOf, newestFirst, withDuplicates, withFileFacets, withFirstTimes, withPatch } from './desk-records.js';
import { oldestEscalationFirst } from './oldest-escalation-first.js';
import { updateTableFileState } from './update-table-file-state.js';
import { readRecentFailures, writeFailure } from './table-failures.js';
import { markOutboxPublished, readOutbox } from './table-outbox.js';
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
    return getJson<T>(await this.table(table), pk, rk);
  }

  private async put(table: Table, pk: string, rk: string, value: unknown): Promise<void> {
    await putJson(await this.table(table), pk, rk, value);
  }

  private async remove(table: Table, pk: string, rk: string): Promise<void> {
    await removeRow(await this.table(table), pk, rk);
  }

  async putClient(client: ClientRecord, apiKeyHash: string): Promise<void> {
    await this.put('clients', 'client', client.clientId, client);
    await this.put('apikeys', apiKeyHash, 'key', { clientId: client.clientId });
  }

  async createClient(client: ClientRecord): Promise<boolean> {
    if (await this.getClient(client.clientId)) return false;
    await this.addRows(client);
    // Insert-if-absent: a client created under the same id meanwhile keeps it.
    return (await claimJson(await this.table('clients'), 'client', client.clientId, client)) === undefined;
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
    return listPartitionJson<ClientRecord>(await this.table('clients'), 'client');
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
      if ((await this.clientIdBySender(address)) === current.clientId) await this.remove('senders', tableKeyOf(address), 'sender');
  }

  async clientByKeyHash(apiKeyHash: string): Promise<ClientRecord | undefined> {
    const ref = await this.get<{ clientId: string }>('apikeys', apiKeyHash, 'key');
    return ref ? this.getClient(ref.clientId) : undefined;
  }

  getClient(clientId: string): Promise<ClientRecord | undefined> {
    return this.get<ClientRecord>('clients', 'client', clientId);
  }

  putSender(address: string, clientId: string): Promise<void> {
    return this.put('senders', tableKeyOf(address.toLowerCase()), 'sender', { address: address.toLowerCase(), clientId });
  }

  async clientIdBySender(address: string): Promise<string | undefined> {
    return (await this.get<{ clientId: string }>('senders', tableKeyOf(address.toLowerCase()), 'sender'))?.clientId;
  }

  async createSubmission(record: SubmissionRecord, event: PublishedEvent): Promise<void> {
    // The index row first: one pointing at a submission that was never written is skipped on read.
    await this.put('clientsubmissions', record.clientId, `${newestFirst(record.receivedAt)}_${record.submissionId}`, {
      submissionId: record.submissionId,
    });
    const actions: TransactionAction[] = [
      ['create', { partitionKey: record.submissionId, rowKey: 'submission', ...packJson(record) }],
      ['create', { partitionKey: record.submissionId, rowKey: 'outbox', ...packJson(event) }],
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
    for await (const row of table.listEntities<JsonEntity>({ queryOptions: { filter: query } })) {
      const ref = unpackJson<{ submissionId: string }>(row);
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

  /** What follows a file's state, however it was written: the failures' index (table-failures.ts) and the submission's facets. */
  private async fileRecorded(submissionId: string, state: FileStateRecord): Promise<void> {
    await writeFailure(await this.table('filefailures'), submissionId, state);
    await this.changeSubmission(submissionId, (record) => withFileFacets(record, state, new Date().toISOString()));
  }

  async fileStates(submissionId: string): Promise<Record<string, FileStateRecord>> {
    const states = await listPartitionJson<FileStateRecord>(await this.table('filestates'), submissionId);
    return Object.fromEntries(states.map((state) => [state.fileId, state]));
  }

  async pendingEvents(limit: number): Promise<{ submissionId: string; event: PublishedEvent }[]> {
    return readOutbox(await this.table('submissions'), limit);
  }

  async markPublished(submissionId: string): Promise<void> {
    await markOutboxPublished(await this.table('submissions'), submissionId, await this.getSubmission(submissionId));
  }

  async claimIdempotency(clientId: string, key: string, claim: PendingIdempotency, now: string): Promise<IdempotencyRecord | undefined> {
    return claimTableIdempotency(await this.table('idempotency'), clientId, tableKeyOf(key), claim, now);
  }

  async answerIdempotency(clientId: string, key: string, claimId: string, answer: AnsweredIdempotency): Promise<boolean> {
    return settleTableIdempotency(await this.table('idempotency'), clientId, tableKeyOf(key), claimId, answer);
  }

  async releaseIdempotency(clientId: string, key: string, claimId: string): Promise<boolean> {
    return settleTableIdempotency(await this.table('idempotency'), clientId, tableKeyOf(key), claimId, undefined);
  }

  getIdempotency(clientId: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.get('idempotency', clientId, tableKeyOf(key));
  }

  async claimEmail(record: EmailRecord): Promise<EmailRecord | undefined> {
    return claimJson(await this.table('emails'), tableKeyOf(record.internetMessageId), 'email', record);
  }

  putUploadSession(session: UploadSessionRecord): Promise<void> {
    return this.put('uploadsessions', session.sessionId, 'session', session);
  }

  getUploadSession(sessionId: string): Promise<UploadSessionRecord | undefined> {
    return this.get('uploadsessions', sessionId, 'session');
  }

  async recentFailures(limit: number): Promise<{ submissionId: string; file: FileStateRecord }[]> {
    return readRecentFailures(await this.table('filefailures'), limit);
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
    return (await listPartitionJson<EscalationRecord>(await this.table('escalations'), 'escalation')).sort(oldestEscalationFirst);
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
    return (await this.submissionChanges.change(submissionId, change)) !== undefined;
  }

  private readonly submissionChanges = new CoalescedChanges<SubmissionRecord>(async (submissionId, change) => {
    const next = await replaceWithEtag(await this.table('submissions'), submissionId, 'submission', change);
    if (next) await this.index(next);
    return next;
  });

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
