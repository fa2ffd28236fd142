import type { PublishedEvent } from '../event-publisher/event-publisher.js';
import { droppedRows } from './dropped-rows.js';
import { listingKeyOf, withDuplicates, withFileFacets, withFirstTimes, withPatch } from './desk-records.js';
import { oldestEscalationFirst } from './oldest-escalation-first.js';
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

/** Stored as the table adapter stores it: JSON, so what comes back is a copy with `undefined` members gone. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * IngestStore in this process's memory, for unit tests: it passes ingest-store.contract.ts, and it
 * keeps the table adapter's semantics — a submission and its outbox event are written together,
 * claims keep the first record, lists come newest first — so what a test sees is what Azure does.
 */
export class InMemoryIngestStore implements IngestStore {
  private readonly clients = new Map<string, ClientRecord>();
  private readonly keys = new Map<string, string>();
  private readonly senders = new Map<string, string>();
  private readonly submissions = new Map<string, SubmissionRecord>();
  private readonly outbox = new Map<string, PublishedEvent>();
  private readonly files = new Map<string, Map<string, FileStateRecord>>();
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  private readonly emails = new Map<string, EmailRecord>();
  private readonly sessions = new Map<string, UploadSessionRecord>();

  async putClient(client: ClientRecord, apiKeyHash: string): Promise<void> {
    this.clients.set(client.clientId, copy(client));
    this.keys.set(apiKeyHash, client.clientId);
  }

  async createClient(client: ClientRecord): Promise<boolean> {
    if (this.clients.has(client.clientId)) return false;
    this.addRows(client);
    this.clients.set(client.clientId, copy(client));
    return true;
  }

  async updateClient(clientId: string, change: (current: ClientRecord) => ClientRecord): Promise<ClientRecord | undefined> {
    const current = await this.getClient(clientId);
    if (!current) return undefined;
    const next = copy(change(current));
    this.addRows(next);
    this.clients.set(clientId, next);
    const { keys, senders } = droppedRows(current, next);
    for (const hash of keys) this.keys.delete(hash);
    for (const address of senders) if (this.senders.get(address) === clientId) this.senders.delete(address);
    return copy(next);
  }

  async listClients(): Promise<ClientRecord[]> {
    return [...this.clients.values()].sort((a, b) => (a.clientId < b.clientId ? -1 : 1)).map(copy);
  }

  private addRows(client: ClientRecord): void {
    for (const key of client.apiKeys ?? []) this.keys.set(key.hash, client.clientId);
    for (const address of client.mailSenders ?? []) this.senders.set(address.toLowerCase(), client.clientId);
  }

  async clientByKeyHash(apiKeyHash: string): Promise<ClientRecord | undefined> {
    const clientId = this.keys.get(apiKeyHash);
    return clientId === undefined ? undefined : this.getClient(clientId);
  }

  async getClient(clientId: string): Promise<ClientRecord | undefined> {
    return copyOf(this.clients.get(clientId));
  }

  async putSender(address: string, clientId: string): Promise<void> {
    this.senders.set(address.toLowerCase(), clientId);
  }

  async clientIdBySender(address: string): Promise<string | undefined> {
    return this.senders.get(address.toLowerCase());
  }

  async createSubmission(record: SubmissionRecord, event: PublishedEvent): Promise<void> {
    if (this.submissions.has(record.submissionId)) throw new Error(`Submission ${record.submissionId} already exists.`);
    this.submissions.set(record.submissionId, copy(record));
    this.outbox.set(record.submissionId, copy(event));
  }

  async getSubmission(submissionId: string): Promise<SubmissionRecord | undefined> {
    return copyOf(this.submissions.get(submissionId));
  }

  async listSubmissions(
    clientId: string,
    filter: { status?: SubmissionStatus; since?: string; limit: number },
  ): Promise<SubmissionRecord[]> {
    const since = filter.since === undefined ? -Infinity : Date.parse(filter.since);
    return [...this.submissions.values()]
      .filter((s) => s.clientId === clientId && Date.parse(s.receivedAt) >= since && (!filter.status || s.status === filter.status))
      .sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt) || (a.submissionId < b.submissionId ? -1 : 1))
      .slice(0, filter.limit)
      .map(copy);
  }

  async updateSubmission(submissionId: string, patch: Partial<Pick<SubmissionRecord, 'status' | 'published'>>): Promise<void> {
    const record = this.submissions.get(submissionId);
    if (!record) throw new Error(`No submission ${submissionId}.`);
    this.submissions.set(submissionId, withPatch(record, copy(patch), new Date().toISOString()));
  }

  async transitionSubmission(submissionId: string, from: SubmissionStatus[], to: SubmissionStatus): Promise<boolean> {
    const record = this.submissions.get(submissionId);
    if (!record || !from.includes(record.status)) return false;
    this.submissions.set(submissionId, withPatch(record, { status: to }, new Date().toISOString()));
    return true;
  }

  async setFileState(submissionId: string, state: FileStateRecord): Promise<void> {
    let states = this.files.get(submissionId);
    if (!states) this.files.set(submissionId, (states = new Map()));
    const recorded = withFirstTimes(copy(state), states.get(state.fileId));
    states.set(state.fileId, recorded);
    const record = this.submissions.get(submissionId);
    if (record) this.submissions.set(submissionId, withFileFacets(record, recorded, new Date().toISOString()));
  }

  async fileStates(submissionId: string): Promise<Record<string, FileStateRecord>> {
    return Object.fromEntries([...(this.files.get(submissionId) ?? new Map<string, FileStateRecord>())].map(([id, s]) => [id, copy(s)]));
  }

  async pendingEvents(limit: number): Promise<{ submissionId: string; event: PublishedEvent }[]> {
    // In partition (submissionId) order, as the table scan returns them.
    return [...this.outbox.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .slice(0, limit)
      .map(([submissionId, event]) => ({ submissionId, event: { ...copy(event), time: new Date(event.time) } }));
  }

  async markPublished(submissionId: string): Promise<void> {
    if (!this.outbox.delete(submissionId)) return;
    const record = this.submissions.get(submissionId);
    if (record) this.submissions.set(submissionId, { ...record, published: true });
  }

  async claimIdempotency(clientId: string, key: string, claim: PendingIdempotency, now: string): Promise<IdempotencyRecord | undefined> {
    const id = JSON.stringify([clientId, key]);
    const current = this.idempotency.get(id);
    if (current && (current.state !== 'pending' || current.expiresAt > now)) return copy(current);
    this.idempotency.set(id, copy(claim));
    return undefined;
  }

  async answerIdempotency(clientId: string, key: string, claimId: string, answer: AnsweredIdempotency): Promise<boolean> {
    const id = JSON.stringify([clientId, key]);
    if (!this.holds(id, claimId)) return false;
    this.idempotency.set(id, copy(answer));
    return true;
  }

  async releaseIdempotency(clientId: string, key: string, claimId: string): Promise<boolean> {
    const id = JSON.stringify([clientId, key]);
    return this.holds(id, claimId) && this.idempotency.delete(id);
  }

  private holds(id: string, claimId: string): boolean {
    const current = this.idempotency.get(id);
    return current?.state === 'pending' && current.claimId === claimId;
  }

  async getIdempotency(clientId: string, key: string): Promise<IdempotencyRecord | undefined> {
    return copyOf(this.idempotency.get(JSON.stringify([clientId, key])));
  }

  async claimEmail(record: EmailRecord): Promise<EmailRecord | undefined> {
    return claim(this.emails, record.internetMessageId, record);
  }

  async putUploadSession(session: UploadSessionRecord): Promise<void> {
    this.sessions.set(session.sessionId, copy(session));
  }

  async getUploadSession(sessionId: string): Promise<UploadSessionRecord | undefined> {
    return copyOf(this.sessions.get(sessionId));
  }

  async recentFailures(limit: number): Promise<{ submissionId: string; file: FileStateRecord }[]> {
    const failed = [...this.files].flatMap(([submissionId, states]) =>
      [...states.values()]
        .filter((s) => s.state === 'failed' || s.state === 'timed-out')
        .map((file) => ({ submissionId, file: copy(file) })),
    );
    return failed.sort((a, b) => b.file.updatedAt.localeCompare(a.file.updatedAt)).slice(0, limit);
  }

  // ---- The desk's escalation queue and resolutions (issue 13) ----

  private readonly escalations = new Map<string, EscalationRecord>();

  async updateFileState(submissionId: string, fileId: string, change: FileStateChange): Promise<FileStateRecord | undefined> {
    // One synchronous step: nothing else runs between the read and the write.
    const next = change(copyOf(this.files.get(submissionId)?.get(fileId)));
    if (next === undefined) return undefined;
    await this.setFileState(submissionId, { ...next, fileId });
    return copy(this.files.get(submissionId)!.get(fileId)!);
  }

  async putEscalation(record: EscalationRecord): Promise<void> {
    this.escalations.set(JSON.stringify([record.submissionId, record.fileId]), copy(record));
  }

  async removeEscalation(submissionId: string, fileId: string): Promise<void> {
    this.escalations.delete(JSON.stringify([submissionId, fileId]));
  }

  async listEscalations(): Promise<EscalationRecord[]> {
    return [...this.escalations.values()].sort(oldestEscalationFirst).map(copy);
  }

  // ---- The desk (issue 13) ----
  async listAllSubmissions(query: AllSubmissionsQuery): Promise<{ submissions: SubmissionRecord[]; nextCursor: string | null }> {
    const [from, to] = [query.from ? Date.parse(query.from) : -Infinity, query.to ? Date.parse(query.to) : Infinity];
    const found = [...this.submissions.values()]
      .map((s) => ({ key: listingKeyOf(s), s }))
      .filter(({ key, s }) => (query.cursor === undefined || key > query.cursor) && Date.parse(s.receivedAt) >= from)
      .filter(({ s }) => Date.parse(s.receivedAt) <= to && (!query.match || query.match(copy(s))))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    const page = found.slice(0, query.limit);
    const nextCursor = found.length > query.limit ? page[page.length - 1]!.key : null;
    return { submissions: page.map(({ s }) => copy(s)), nextCursor };
  }

  async changedSubmissions(since: string, limit: number): Promise<SubmissionRecord[]> {
    return [...this.submissions.values()]
      .filter((s) => s.updatedAt >= since)
      .sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0))
      .slice(0, limit)
      .map(copy);
  }

  async setDuplicates(submissionId: string, fileIds: string[]): Promise<void> {
    const record = this.submissions.get(submissionId);
    if (record) this.submissions.set(submissionId, withDuplicates(record, fileIds, new Date().toISOString()));
  }
}

const copyOf = <T>(value: T | undefined): T | undefined => (value === undefined ? undefined : copy(value));

/** Insert-if-absent: the record already there (a copy), or undefined after storing this one. */
function claim<T>(map: Map<string, T>, key: string, record: T): T | undefined {
  const first = map.get(key);
  if (first !== undefined) return copy(first);
  map.set(key, copy(record));
  return undefined;
}
