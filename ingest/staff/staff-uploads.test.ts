import { BlockBlobClient } from '@azure/storage-blob';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '../../test/support/fixtures.js';
import {
  API_KEY,
  EDITOR_KEY,
  expectProblem,
  HOOK,
  ingestTestbed,
  invocationContext,
  OTHER_KEY,
  received,
  type IngestTestbed,
} from '../../test/support/ingest-testbed.js';
import { createPostSubmission } from '../submissions/post-submission.js';
import { createUploadSession } from '../uploads/create-upload-session.js';
import { createCommitUploadSession } from '../uploads/commit-upload-session.js';
import { staffSubmitter } from './staff-submitter.js';

let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
});
afterEach(async () => {
  await tb.blobs.close();
});

const editor = { authorization: `Bearer ${EDITOR_KEY}` };
const PHOTO = fixture('dog-bicycle-truck.jpg');

/** A client's form: the webhook and one file. */
async function form(file: Buffer): Promise<{ body: Buffer; contentType: string }> {
  const data = new FormData();
  data.append('webhookUrl', HOOK);
  data.append('file', new Blob([new Uint8Array(file)]), 'dog.jpg');
  const response = new Response(data);
  return { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type')! };
}

async function post(query: string, headers: Record<string, string> = editor, key: string | null = null, file = PHOTO) {
  const { body, contentType } = await form(file);
  return createPostSubmission(tb.deps, staffSubmitter(tb.deps))(
    tb.request('POST', `/api/staff/submissions${query}`, { key, headers: { 'content-type': contentType, ...headers }, body }),
    invocationContext(),
  );
}
const openSession = (query: string, headers: Record<string, string> = editor, key: string | null = null) =>
  createUploadSession(tb.deps, staffSubmitter(tb.deps))(
    tb.request('POST', `/api/staff/uploads${query}`, {
      key,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ files: [{ name: 'dog.jpg', size: PHOTO.length }], webhookUrl: HOOK, reference: 'desk-upload' }),
    }),
    invocationContext(),
  );
const commit = (id: string, headers: Record<string, string> = editor, key: string | null = null) =>
  createCommitUploadSession(tb.deps, staffSubmitter(tb.deps))(
    tb.request('POST', `/api/staff/uploads/${id}/commit`, { key, headers, params: { id } }),
    invocationContext(),
  );

/** Nothing stored for anyone: no blob, no submission, no event. */
const expectNothingStored = async () => {
  expect(tb.blobs.paths()).toEqual([]);
  expect(await tb.store.listSubmissions('other', { limit: 10 })).toEqual([]);
  expect(tb.events.published).toEqual([]);
};

const refusals = [
  ['no credential', {}, null, 401, 'staff-sign-in-required'],
  ['an unknown editor key', { authorization: 'Bearer nd_editor_not-a-key' }, null, 401, 'invalid-staff-key'],
  ["a client's API key", {}, OTHER_KEY, 403, 'staff-only'],
] as const;
const clientProblems = [
  ['no clientId', '', 400, 'missing-client-id'],
  ['an empty clientId', '?clientId=', 400, 'missing-client-id'],
  ['an unknown client', '?clientId=nobody', 404, 'client-not-found'],
  ['a clientId that cannot be one', '?clientId=..%2Fother', 404, 'client-not-found'],
] as const;

describe('POST /api/staff/submissions?clientId= (multipart)', () => {
  it("takes the files as the client's own submission, exactly as the client API does", async () => {
    const res = await received<{ submissionId: string; statusUrl: string; files: { name: string; contentType: string }[] }>(
      await post('?clientId=other'),
    );
    expect(res.status).toBe(202);
    expect(res.body.files).toMatchObject([{ name: 'dog.jpg', contentType: 'image/jpeg' }]);
    expect(res.body.statusUrl).toBe(`http://localhost:7071/api/submissions/${res.body.submissionId}`);
    expect(await tb.store.getSubmission(res.body.submissionId)).toMatchObject({ clientId: 'other', channel: 'http', status: 'received' });
    expect(tb.events.published.map((e) => e.id)).toEqual([res.body.submissionId]);
  });

  it.each(refusals)('refuses %s, and stores nothing', async (_what, headers, key, status, code) => {
    await expectProblem(await post('?clientId=other', headers, key), status, code);
    await expectNothingStored();
  });

  it.each(clientProblems)('answers %s with a precise problem, and stores nothing', async (_what, query, status, code) => {
    await expectProblem(await post(query), status, code);
    await expectNothingStored();
  });

  it('refuses a deleted client', async () => {
    await tb.store.updateClient('other', (c) => ({ ...c, deletedAt: '2026-01-01T00:00:00.000Z' }));
    await expectProblem(await post('?clientId=other'), 404, 'client-not-found');
    await expectNothingStored();
  });

  it("keeps the client API's limits and media checks: too large, not media", async () => {
    await expectProblem(await post('?clientId=other', editor, null, Buffer.alloc(9 * 1024 * 1024, 0xff)), 413, 'file-too-large');
    await expectProblem(
      await post('?clientId=other', editor, null, Buffer.from('plain text, not a picture')),
      415,
      'unsupported-media-type',
    );
    await expectNothingStored();
  });
});

describe('POST /api/staff/uploads?clientId= and /api/staff/uploads/{id}/commit', () => {
  it("opens a session for the client whose commit URL is the staff route, and commits it as the client's submission", async () => {
    const opened = await received<{ sessionId: string; commitUrl: string; files: { uploadUrl: string }[] }>(
      await openSession('?clientId=other'),
    );
    expect(opened.status).toBe(201);
    const { sessionId, commitUrl, files } = opened.body;
    expect(commitUrl).toBe(`http://localhost:7071/api/staff/uploads/${sessionId}/commit`);
    expect(await tb.store.getUploadSession(sessionId)).toMatchObject({ clientId: 'other', reference: 'desk-upload', state: 'open' });
    await new BlockBlobClient(files[0]!.uploadUrl).uploadData(PHOTO);
    // Not the client's key: the desk commits what it opened.
    await expectProblem(await commit(sessionId, {}, OTHER_KEY), 403, 'staff-only');
    const committed = await received<{ submissionId: string }>(await commit(sessionId));
    expect(committed).toMatchObject({ status: 202, body: { submissionId: sessionId } });
    expect(await tb.store.getSubmission(sessionId)).toMatchObject({
      clientId: 'other',
      channel: 'upload-session',
      reference: 'desk-upload',
    });
  });

  it.each(refusals)('refuses %s to open a session, and stores nothing', async (_what, headers, key, status, code) => {
    await expectProblem(await openSession('?clientId=other', headers, key), status, code);
    expect(tb.ids).toEqual([]);
  });

  it.each(clientProblems)('answers %s with a precise problem, and opens no session', async (_what, query, status, code) => {
    await expectProblem(await openSession(query), status, code);
    expect(tb.ids).toEqual([]);
  });

  it.each(refusals)('refuses %s to commit, before looking up the session', async (_what, headers, key, status, code) => {
    await expectProblem(await commit('u-nope', headers, key), status, code);
  });

  it('answers 404 for an unknown session, and for one of a client deleted since', async () => {
    await expectProblem(await commit('u-nope'), 404, 'upload-session-not-found');
    const { sessionId, files } = (
      await received<{ sessionId: string; files: { uploadUrl: string }[] }>(await openSession('?clientId=other'))
    ).body;
    await new BlockBlobClient(files[0]!.uploadUrl).uploadData(PHOTO);
    await tb.store.updateClient('other', (c) => ({ ...c, deletedAt: '2026-01-01T00:00:00.000Z' }));
    await expectProblem(await commit(sessionId), 404, 'upload-session-not-found');
    expect(await tb.store.getSubmission(sessionId)).toBeUndefined();
  });
});

describe('the client API, unchanged', () => {
  it("still takes the client's own key, and never a staff credential", async () => {
    const { body, contentType } = await form(PHOTO);
    const asClient = createPostSubmission(tb.deps)(
      tb.request('POST', '/api/submissions', { key: API_KEY, headers: { 'content-type': contentType }, body }),
      invocationContext(),
    );
    expect((await received(await asClient)).status).toBe(202);
    const asEditor = createPostSubmission(tb.deps)(
      tb.request('POST', '/api/submissions?clientId=desk', { key: null, headers: { 'content-type': contentType, ...editor }, body }),
      invocationContext(),
    );
    await expectProblem(await asEditor, 401, 'missing-api-key');
  });
});
