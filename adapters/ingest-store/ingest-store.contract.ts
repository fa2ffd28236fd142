import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ClientRecord, IngestStore, SubmissionRecord } from './ingest-store.js';
import { deskIngestStoreContract } from './desk-ingest-store.contract.js';
import { escalationIngestStoreContract } from './escalation-ingest-store.contract.js';

const submission = (clientId: string, receivedAt: string, status: SubmissionRecord['status'] = 'received'): SubmissionRecord => ({
  submissionId: randomUUID(),
  clientId,
  status,
  channel: 'http',
  files: [],
  webhookUrl: 'https://example.test/hook',
  priority: 'normal',
  receivedAt,
  updatedAt: receivedAt,
  published: false,
});

const event = (id: string) => ({
  id,
  type: 't',
  source: '/s',
  subject: `/submissions/${id}`,
  time: new Date('2026-01-01T00:00:00Z'),
  data: { id },
});

/** The behaviour every IngestStore adapter must have. */
export function ingestStoreContract(name: string, make: () => IngestStore): void {
  describe(`IngestStore contract: ${name}`, () => {
    it('finds a client by the hash of its key, and not by another', async () => {
      const store = make();
      const client = { clientId: `c-${randomUUID()}`, name: 'Desk', webhookSecret: 's', rateLimitPerMinute: 60 };
      await store.putClient(client, `hash-${client.clientId}`);
      expect(await store.clientByKeyHash(`hash-${client.clientId}`)).toEqual(client);
      expect(await store.clientByKeyHash('nope')).toBeUndefined();
    });

    it('creates a client once, with a key row per key and a sender row per sender, and lists it', async () => {
      const store = make();
      const clientId = `c-${randomUUID()}`;
      const sender = `${clientId}@agency.test`;
      const client: ClientRecord = {
        ...{ clientId, name: 'Desk', webhookSecret: 's', rateLimitPerMinute: 60, mailSenders: [sender] },
        apiKeys: [{ hash: `new-${clientId}`, createdAt: '2026-01-02T00:00:00.000Z' }],
        createdAt: '2026-01-02T00:00:00.000Z',
      };
      expect(await store.createClient(client)).toBe(true);
      expect(await store.createClient({ ...client, name: 'Another' })).toBe(false);
      expect(await store.getClient(clientId)).toEqual(client);
      expect(await store.clientByKeyHash(`new-${clientId}`)).toEqual(client);
      expect(await store.clientIdBySender(sender.toUpperCase())).toBe(clientId);
      expect((await store.listClients()).filter((c) => c.clientId === clientId)).toEqual([client]);
    });

    it('updates a client, adding rows for new keys and senders and removing those it dropped', async () => {
      const store = make();
      const clientId = `c-${randomUUID()}`;
      const [a, b] = [`a-${clientId}@agency.test`, `b-${clientId}@agency.test`];
      const key = (hash: string) => ({ hash: `${hash}-${clientId}`, createdAt: '2026-01-02T00:00:00.000Z' });
      await store.createClient({
        clientId,
        name: 'Desk',
        webhookSecret: 's',
        rateLimitPerMinute: 60,
        mailSenders: [a],
        apiKeys: [key('k1')],
      });
      const updated = await store.updateClient(clientId, (c) => ({ ...c, mailSenders: [b], apiKeys: [key('k2')], rateLimitPerMinute: 5 }));
      expect(updated).toMatchObject({ mailSenders: [b], apiKeys: [key('k2')], rateLimitPerMinute: 5 });
      expect(await store.getClient(clientId)).toEqual(updated);
      expect(await store.clientByKeyHash(`k2-${clientId}`)).toEqual(updated);
      expect(await store.clientByKeyHash(`k1-${clientId}`)).toBeUndefined();
      expect(await store.clientIdBySender(b)).toBe(clientId);
      expect(await store.clientIdBySender(a)).toBeUndefined();
      // A sender another client took over stays with it when this one drops it.
      await store.putSender(b, `other-${clientId}`);
      await store.updateClient(clientId, (c) => ({ ...c, mailSenders: [] }));
      expect(await store.clientIdBySender(b)).toBe(`other-${clientId}`);
      expect(await store.updateClient(`missing-${clientId}`, (c) => c)).toBeUndefined();
    });

    it('writes nothing when the change refuses', async () => {
      const store = make();
      const clientId = `c-${randomUUID()}`;
      const client: ClientRecord = { clientId, name: 'Desk', webhookSecret: 's', rateLimitPerMinute: 60 };
      await store.createClient(client);
      await expect(
        store.updateClient(clientId, () => {
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await store.getClient(clientId)).toEqual(client);
    });

    it('maps allowed senders case-insensitively', async () => {
      const store = make();
      await store.putSender('Photo.Desk@Agency.test', 'c1');
      expect(await store.clientIdBySender('photo.desk@agency.test')).toBe('c1');
      expect(await store.clientIdBySender('stranger@agency.test')).toBeUndefined();
    });

    it('records a submission with its pending event, relays it once, and lists newest first per client', async () => {
      const store = make();
      const clientId = `c-${randomUUID()}`;
      const older = submission(clientId, '2026-01-01T10:00:00.000Z');
      const newer = submission(clientId, '2026-01-01T11:00:00.000Z', 'processing');
      await store.createSubmission(older, event(older.submissionId));
      await store.createSubmission(newer, event(newer.submissionId));
      await expect(store.createSubmission(older, event(older.submissionId))).rejects.toThrow();
      expect((await store.getSubmission(older.submissionId))?.published).toBe(false);
      const pending = (await store.pendingEvents(1000)).filter((p) => [older.submissionId, newer.submissionId].includes(p.submissionId));
      expect(pending.map((p) => p.event.id).sort()).toEqual([older.submissionId, newer.submissionId].sort());
      expect(pending[0]!.event.time).toBeInstanceOf(Date);
      await store.markPublished(older.submissionId);
      await store.markPublished(older.submissionId);
      expect((await store.getSubmission(older.submissionId))?.published).toBe(true);
      expect((await store.pendingEvents(1000)).some((p) => p.submissionId === older.submissionId)).toBe(false);
      expect((await store.listSubmissions(clientId, { limit: 10 })).map((s) => s.submissionId)).toEqual([
        newer.submissionId,
        older.submissionId,
      ]);
      expect((await store.listSubmissions(clientId, { limit: 10, status: 'processing' })).map((s) => s.submissionId)).toEqual([
        newer.submissionId,
      ]);
      expect((await store.listSubmissions(clientId, { limit: 10, since: '2026-01-01T10:30:00.000Z' })).map((s) => s.submissionId)).toEqual([
        newer.submissionId,
      ]);
      expect(await store.listSubmissions(`other-${clientId}`, { limit: 10 })).toEqual([]);
    });

    it('updates a submission’s status and time, and refuses to update one that does not exist', async () => {
      const store = make();
      const record = submission(`c-${randomUUID()}`, '2026-01-01T10:00:00.000Z');
      await store.createSubmission(record, event(record.submissionId));
      await store.updateSubmission(record.submissionId, { status: 'cancelled' });
      const updated = await store.getSubmission(record.submissionId);
      expect(updated).toMatchObject({ status: 'cancelled', receivedAt: record.receivedAt, published: false });
      expect(Date.parse(updated!.updatedAt)).toBeGreaterThan(Date.parse(record.updatedAt));
      expect(await store.getClient(`missing-${record.clientId}`)).toBeUndefined();
      await expect(store.updateSubmission(`missing-${record.submissionId}`, { status: 'failed' })).rejects.toThrow();
    });

    it('moves a submission from an expected status once, however many try at once', async () => {
      const store = make();
      const record = submission(`c-${randomUUID()}`, '2026-01-01T10:00:00.000Z', 'processing');
      await store.createSubmission(record, event(record.submissionId));
      const raced = await Promise.all(
        [1, 2, 3].map(() => store.transitionSubmission(record.submissionId, ['received', 'processing'], 'failed')),
      );
      expect(raced.filter(Boolean)).toHaveLength(1);
      expect(await store.getSubmission(record.submissionId)).toMatchObject({
        status: 'failed',
        statusSince: { failed: expect.any(String) },
      });
      expect(await store.transitionSubmission(record.submissionId, ['processing'], 'completed')).toBe(false);
      expect((await store.getSubmission(record.submissionId))?.status).toBe('failed');
      expect(await store.transitionSubmission(`missing-${record.submissionId}`, ['processing'], 'failed')).toBe(false);
    });

    it('lets one claim of an idempotency key win, keeps its answer, and frees it on release or expiry', async () => {
      const store = make();
      const key = `k-${randomUUID()}/with?odd#chars`;
      const now = '2026-01-01T00:00:00.000Z';
      const pending = (claimId: string, expiresAt = '2026-01-01T00:05:00.000Z') => ({ state: 'pending' as const, claimId, expiresAt });
      const raced = await Promise.all(['a', 'b', 'c'].map((id) => store.claimIdempotency('c1', key, pending(id), now)));
      expect(raced.filter((r) => r === undefined)).toHaveLength(1);
      const winner = ['a', 'b', 'c'][raced.indexOf(undefined)]!;
      for (const r of raced) if (r) expect(r).toEqual(pending(winner));
      expect(await store.answerIdempotency('c1', key, 'not-mine', { state: 'answered', fingerprint: 'x', status: 202, body: {} })).toBe(
        false,
      );
      expect(await store.releaseIdempotency('c1', key, 'not-mine')).toBe(false);
      const answer = { state: 'answered' as const, fingerprint: 'a', status: 202, body: { n: 1 } };
      expect(await store.answerIdempotency('c1', key, winner, answer)).toBe(true);
      expect(await store.claimIdempotency('c1', key, pending('d'), '2027-01-01T00:00:00.000Z')).toEqual(answer);
      expect(await store.releaseIdempotency('c1', key, winner)).toBe(false);
      expect(await store.getIdempotency('c1', key)).toEqual(answer);
      expect(await store.claimIdempotency('c2', key, pending('e'), now)).toBeUndefined();
      expect(await store.releaseIdempotency('c2', key, 'e')).toBe(true);
      expect(await store.getIdempotency('c2', key)).toBeUndefined();
      expect(await store.claimIdempotency('c2', key, pending('f'), now)).toBeUndefined();
      // A claim its host never settled: still held before it expires, taken over (by one of a race) after.
      expect(await store.claimIdempotency('c2', key, pending('g'), '2026-01-01T00:04:59.000Z')).toEqual(pending('f'));
      const later = '2026-01-01T00:06:00.000Z';
      const takeovers = await Promise.all(
        ['h', 'i'].map((id) => store.claimIdempotency('c2', key, pending(id, '2026-01-01T00:11:00.000Z'), later)),
      );
      expect(takeovers.filter((r) => r === undefined)).toHaveLength(1);
      expect(await store.answerIdempotency('c2', key, 'f', answer)).toBe(false);
      expect(await store.getIdempotency('c3', key)).toBeUndefined();
      const mail = {
        internetMessageId: `<${randomUUID()}@mail>`,
        from: 'a@b.test',
        outcome: 'no-media' as const,
        receivedAt: '2026-01-01T00:00:00Z',
        status: 422,
        body: {},
      };
      expect(await store.claimEmail(mail)).toBeUndefined();
      expect((await store.claimEmail({ ...mail, status: 202 }))?.status).toBe(422);
    });

    it('keeps the latest state per file of a submission', async () => {
      const store = make();
      const id = `s-${randomUUID()}`;
      await store.setFileState(id, { fileId: 'f1', state: 'escalated', escalated: true, updatedAt: '2026-01-01T00:00:00Z' });
      await store.setFileState(id, {
        fileId: 'f1',
        state: 'completed',
        escalated: true,
        resultBlob: 'results/x',
        updatedAt: '2026-01-01T00:01:00Z',
      });
      await store.setFileState(id, { fileId: 'f2', state: 'failed', reason: 'corrupt', updatedAt: '2026-01-01T00:01:00Z' });
      const states = await store.fileStates(id);
      expect(Object.keys(states).sort()).toEqual(['f1', 'f2']);
      expect(states.f1).toMatchObject({ state: 'completed', resultBlob: 'results/x' });
      expect(await store.fileStates(`other-${id}`)).toEqual({});
    });

    it('keeps non-ASCII text intact in large records', async () => {
      const store = make();
      const id = `s-${randomUUID()}`;
      const caption = 'Zürich 📷 Ελλάδα — '.repeat(800); // ~16 KB: the most metadata a submission may carry
      const record = { ...submission('c-utf8', '2026-01-01T10:00:00.000Z'), submissionId: id, metadata: { caption } };
      await store.createSubmission(record, event(id));
      expect((await store.getSubmission(id))?.metadata?.caption).toBe(caption);
    });

    it('lists the latest failed and timed-out files, newest first, once each', async () => {
      const store = make();
      // In 2099: newer than whatever other tests recorded in a shared table.
      const [a, b] = [`s-${randomUUID()}`, `s-${randomUUID()}`];
      const at = (minute: number) => `2099-01-01T10:0${minute}:00.000Z`;
      await store.setFileState(a, { fileId: 'f1', state: 'failed', reason: 'unsupported-media', updatedAt: at(1) });
      await store.setFileState(a, { fileId: 'f1', state: 'failed', reason: 'unsupported-media', updatedAt: at(2) });
      await store.setFileState(a, { fileId: 'f2', state: 'completed', updatedAt: at(3) });
      await store.setFileState(b, { fileId: 'f1', state: 'timed-out', reason: 'analysis-timeout', updatedAt: at(4) });
      expect(await store.recentFailures(2)).toEqual([
        {
          submissionId: b,
          file: { fileId: 'f1', state: 'timed-out', reason: 'analysis-timeout', updatedAt: at(4), since: { 'timed-out': at(4) } },
        },
        // Recorded twice: the newer write, which keeps when the state began.
        {
          submissionId: a,
          file: { fileId: 'f1', state: 'failed', reason: 'unsupported-media', updatedAt: at(2), since: { failed: at(1) } },
        },
      ]);
    });

    it('stores upload sessions', async () => {
      const store = make();
      const session = {
        sessionId: randomUUID(),
        clientId: 'c1',
        files: [],
        webhookUrl: 'https://x.test',
        priority: 'urgent' as const,
        expiresAt: '2026-01-01T00:00:00Z',
        state: 'open' as const,
      };
      await store.putUploadSession(session);
      expect(await store.getUploadSession(session.sessionId)).toEqual(session);
      expect(await store.getUploadSession('missing')).toBeUndefined();
    });

    escalationIngestStoreContract(make);
    deskIngestStoreContract(make);
  });
}
