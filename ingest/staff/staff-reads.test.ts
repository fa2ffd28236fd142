import type { HttpHandler } from '@azure/functions';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  EDITOR,
  EDITOR_KEY,
  expectProblem,
  ingestTestbed,
  invocationContext,
  received,
  type IngestTestbed,
} from '../../test/support/ingest-testbed.js';
import { createGetMe } from './get-me.js';
import { createListStaffClients } from './list-staff-clients.js';
import { createListTopics } from './list-topics.js';
import { createListAllSubmissions } from './list-all-submissions.js';
import { createStaffEvents } from './staff-events.js';
import { createGetStaffSubmission } from './get-staff-submission.js';

let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
});

const staff = { key: null, headers: { authorization: `Bearer ${EDITOR_KEY}` } };
const ENDPOINTS: [string, (tb: IngestTestbed) => HttpHandler, Record<string, string>?][] = [
  ['/api/staff/me', (t) => createGetMe(t.deps)],
  ['/api/staff/clients', (t) => createListStaffClients(t.deps)],
  ['/api/staff/topics', (t) => createListTopics(t.deps)],
  ['/api/staff/submissions', (t) => createListAllSubmissions(t.deps)],
  ['/api/staff/events', (t) => createStaffEvents(t.deps)],
  ['/api/staff/submissions/s0001', (t) => createGetStaffSubmission({ ...t.deps, deliveries: t.deliveries }), { id: 's0001' }],
];

describe('the staff read endpoints refuse anyone but staff', () => {
  for (const [path, make, params] of ENDPOINTS) {
    it(`${path}: no credential 401, an unknown editor key 401, a client's API key 403`, async () => {
      await tb.seed();
      const call = (init: Parameters<IngestTestbed['request']>[2]) =>
        make(tb)(tb.request('GET', path, { ...init, params }), invocationContext());
      const none = await expectProblem(await call({ key: null }), 401, 'staff-sign-in-required');
      expect(none.headers.get('www-authenticate')).toContain('Bearer');
      await expectProblem(
        await call({ key: null, headers: { authorization: 'Bearer nd_editor_wrong-key-000000000000000' } }),
        401,
        'invalid-staff-key',
      );
      await expectProblem(await call({}), 403, 'staff-only');
    });
  }
});

describe('GET /api/staff/me, /clients, /topics', () => {
  it('names the signed-in editor', async () => {
    const res = await received(await createGetMe(tb.deps)(tb.request('GET', '/api/staff/me', staff), invocationContext()));
    expect(res).toMatchObject({ status: 200, body: EDITOR });
  });

  it('lists the clients that are not deleted, by id and name only', async () => {
    await tb.store.updateClient('other', (c) => ({ ...c, deletedAt: '2026-03-01T00:00:00.000Z' }));
    const res = await received(await createListStaffClients(tb.deps)(tb.request('GET', '/api/staff/clients', staff), invocationContext()));
    expect(res).toMatchObject({ status: 200, body: { clients: [{ clientId: 'desk', name: 'Photo desk' }] } });
  });

  it('lists the IPTC Media Topics with their codes', async () => {
    const res = await received<{ topics: { code: string; name: string }[] }>(
      await createListTopics(tb.deps)(tb.request('GET', '/api/staff/topics', staff), invocationContext()),
    );
    expect(res.status).toBe(200);
    expect(res.body.topics).toContainEqual({ code: 'medtop:02000000', name: 'crime, law and justice' });
    for (const t of res.body.topics) expect(t.code).toMatch(/^medtop:\d{8}$/);
  });
});
