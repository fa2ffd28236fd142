import { createHash } from 'node:crypto';
import { BlobServiceClient, BlockBlobClient } from '@azure/storage-blob';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableIngestStore } from '../../adapters/ingest-store/table-ingest-store.js';
import { startStack, type Stack } from '../support/newsdesk-stack.js';
import { fixture } from '../support/fixtures.js';

const HOOK = 'http://127.0.0.1:9/hook';
const MAILBOX_KEY = 'nd_mail_fixed-mailbox-key-for-tests-0000';
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    NEWSDESK_MAILBOX_API_KEY: MAILBOX_KEY,
    NEWSDESK_DEV_MAIL_SENDERS: 'photodesk@agency.test',
    NEWSDESK_DEV_WEBHOOK_URL: HOOK,
  });
});
afterAll(async () => {
  await stack?.stop();
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const headers = () => ({ 'x-api-key': stack.apiKey, 'content-type': 'application/json' });

async function createSession(
  files: { name: string; size: number }[],
): Promise<{ sessionId: string; commitUrl: string; files: { fileId: string; uploadUrl: string }[] }> {
  const res = await fetch(`${stack.url}/api/uploads`, {
    method: 'POST',
    headers: headers(),
    body: JSON.stringify({ files, webhookUrl: HOOK, reference: 'big-video' }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { sessionId: string; commitUrl: string; files: { fileId: string; uploadUrl: string }[] };
}

async function incoming(prefix: string): Promise<string[]> {
  const container = BlobServiceClient.fromConnectionString(stack.storage).getContainerClient('incoming');
  const names: string[] = [];
  for await (const b of container.listBlobsFlat({ prefix })) names.push(b.name);
  return names;
}

describe('upload sessions: blocks straight to Blob Storage, then commit', () => {
  it('resumes a block upload with the SAS URL and commits it as a submission', async () => {
    const video = fixture('selfie-cyclists-rotate-90.mp4');
    const session = await createSession([{ name: 'selfie.mp4', size: video.length }]);
    const blob = new BlockBlobClient(session.files[0]!.uploadUrl);
    const blockSize = 512 * 1024;
    const ids: string[] = [];
    for (let offset = 0, i = 0; offset < video.length; offset += blockSize, i++)
      ids.push(Buffer.from(`block-${String(i).padStart(6, '0')}`).toString('base64'));
    // First attempt: half the blocks, then the "connection drops".
    const half = Math.floor(ids.length / 2);
    for (let i = 0; i < half; i++)
      await blob.stageBlock(ids[i]!, video.subarray(i * blockSize, (i + 1) * blockSize), Math.min(blockSize, video.length - i * blockSize));
    const early = await fetch(session.commitUrl, { method: 'POST', headers: headers() });
    expect(early.status).toBe(409);
    // Resume: the client re-stages from the last block it is not sure of (staging a block id again is idempotent).
    for (let i = half - 1; i < ids.length; i++)
      await blob.stageBlock(ids[i]!, video.subarray(i * blockSize, (i + 1) * blockSize), Math.min(blockSize, video.length - i * blockSize));
    await blob.commitBlockList(ids);
    // The URL can write this blob and nothing else: not read it back, not list its blocks.
    await expect(blob.download()).rejects.toMatchObject({ statusCode: 403 });
    await expect(blob.getBlockList('all')).rejects.toMatchObject({ statusCode: 403 });
    const res = await fetch(session.commitUrl, { method: 'POST', headers: headers() });
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as { submissionId: string; files: { sha256: string; contentType: string; size: number }[] };
    expect(accepted.submissionId).toBe(session.sessionId);
    expect(accepted.files[0]).toMatchObject({ sha256: sha(video), contentType: 'video/mp4', size: video.length });
    expect((await fetch(session.commitUrl, { method: 'POST', headers: headers() })).status).toBe(202);
  });

  const bad: [string, () => Promise<Response>, number, string][] = [
    [
      'a non-JSON body',
      () =>
        fetch(`${stack.url}/api/uploads`, {
          method: 'POST',
          headers: { 'x-api-key': stack.apiKey, 'content-type': 'text/plain' },
          body: 'x',
        }),
      415,
      'unsupported-content-type',
    ],
    ['invalid JSON', () => fetch(`${stack.url}/api/uploads`, { method: 'POST', headers: headers(), body: '{' }), 400, 'invalid-json'],
    [
      'no files',
      () =>
        fetch(`${stack.url}/api/uploads`, { method: 'POST', headers: headers(), body: JSON.stringify({ files: [], webhookUrl: HOOK }) }),
      400,
      'invalid-upload-request',
    ],
    [
      'a traversal file name',
      () =>
        fetch(`${stack.url}/api/uploads`, {
          method: 'POST',
          headers: headers(),
          body: JSON.stringify({ files: [{ name: '../x.mp4', size: 10 }], webhookUrl: HOOK }),
        }),
      400,
      'bad-filename',
    ],
    [
      'a file over the upload cap',
      () =>
        fetch(`${stack.url}/api/uploads`, {
          method: 'POST',
          headers: headers(),
          body: JSON.stringify({ files: [{ name: 'x.mp4', size: 10 * 1024 ** 4 }], webhookUrl: HOOK }),
        }),
      413,
      'file-too-large',
    ],
    [
      'a private webhook',
      () =>
        fetch(`${stack.url}/api/uploads`, {
          method: 'POST',
          headers: headers(),
          body: JSON.stringify({ files: [{ name: 'x.mp4', size: 10 }], webhookUrl: 'http://192.168.1.20/x' }),
        }),
      422,
      'invalid-webhook-url',
    ],
    [
      'committing an unknown session',
      () => fetch(`${stack.url}/api/uploads/u-nope/commit`, { method: 'POST', headers: headers() }),
      404,
      'upload-session-not-found',
    ],
  ];
  it.each(bad)('rejects %s', async (_n, call, status, code) => {
    const res = await call();
    expect(res.status).toBe(status);
    expect(((await res.json()) as { type: string }).type).toBe(`https://newsdesk.dev/problems/${code}`);
  });

  it('rejects a commit whose blob has the wrong size, and deletes it', async () => {
    const session = await createSession([{ name: 'a.jpg', size: 1000 }]);
    await new BlockBlobClient(session.files[0]!.uploadUrl).uploadData(fixture('dog-bicycle-truck.jpg'));
    const res = await fetch(session.commitUrl, { method: 'POST', headers: headers() });
    expect(res.status).toBe(422);
    expect(await incoming(`${session.sessionId}/`)).toEqual([]);
  });

  it('rejects a commit of something that is not media, and deletes it', async () => {
    const text = Buffer.from('not a video at all\n'.repeat(100));
    const session = await createSession([{ name: 'a.mp4', size: text.length }]);
    await new BlockBlobClient(session.files[0]!.uploadUrl).uploadData(text);
    const res = await fetch(session.commitUrl, { method: 'POST', headers: headers() });
    expect(res.status).toBe(415);
    expect(await incoming(`${session.sessionId}/`)).toEqual([]);
  });

  it('refuses to commit an expired session with 410 and deletes what was uploaded', async () => {
    const photo = fixture('runners-race.jpg');
    const session = await createSession([{ name: 'a.jpg', size: photo.length }]);
    await new BlockBlobClient(session.files[0]!.uploadUrl).uploadData(photo);
    const store = new TableIngestStore(stack.storage);
    const record = (await store.getUploadSession(session.sessionId))!;
    await store.putUploadSession({ ...record, expiresAt: new Date(Date.now() - 1000).toISOString() });
    const res = await fetch(session.commitUrl, { method: 'POST', headers: headers() });
    expect(res.status).toBe(410);
    expect(await incoming(`${session.sessionId}/`)).toEqual([]);
  });
});

describe('e-mail intake', () => {
  const post = (body: unknown, key = MAILBOX_KEY) =>
    fetch(`${stack.url}/api/submissions/email`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const mail = (over: Record<string, unknown> = {}) => ({
    from: 'Photo Desk <photodesk@agency.test>',
    to: 'newsdesk@agency.test',
    subject: 'Fire on 5th street',
    receivedDateTime: '2026-11-22T08:00:00Z',
    internetMessageId: `<${Math.random()}@agency.test>`,
    attachments: [{ name: 'fire.jpg', contentType: 'image/jpeg', contentBytes: fixture('police-cars.jpg').toString('base64') }],
    ...over,
  });

  it('turns a Logic App e-mail into a submission, once per Message-ID', async () => {
    const m = mail();
    const first = await post(m);
    expect(first.status).toBe(202);
    const accepted = (await first.json()) as { submissionId: string; files: { contentType: string }[] };
    expect(accepted.files.map((f) => f.contentType)).toEqual(['image/jpeg']);
    const again = await post(m);
    expect(again.status).toBe(202);
    expect(((await again.json()) as { submissionId: string }).submissionId).toBe(accepted.submissionId);
  });

  it('answers and records a mail with no media attachments', async () => {
    const m = mail({
      attachments: [{ name: 'notes.txt', contentType: 'text/plain', contentBytes: Buffer.from('hello').toString('base64') }],
    });
    const res = await post(m);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { type: string }).type).toMatch(/no-media-attachments$/);
    const again = await post(m);
    expect(again.status).toBe(422);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it.each([
    ['a wrong mailbox key', () => post(mail(), 'nd_wrong-key-000000000000'), 401],
    ['an invalid payload', () => post({ from: 'x' }), 400],
    ['an unknown sender', () => post(mail({ from: 'stranger@elsewhere.test' })), 403],
    ['a mail with no attachments at all', () => post(mail({ attachments: [] })), 422],
  ])('rejects %s with problem details', async (_n, call, status) => {
    const res = await call();
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('takes real mail through the local SMTP mail drop', async () => {
    const transport = createTransport({ host: '127.0.0.1', port: stack.mailDropPort, secure: false, ignoreTLS: true });
    const messageId = `<drop-${Date.now()}@agency.test>`;
    await transport.sendMail({
      from: 'photodesk@agency.test',
      to: 'newsdesk@localhost',
      subject: 'Marathon',
      messageId,
      attachments: [
        { filename: 'crowd.mkv', content: fixture('marathon-crowd.mkv') },
        { filename: 'note.txt', content: 'caption: runners' },
      ],
    });
    const id = `s${createHash('sha256').update(messageId).digest('hex').slice(0, 31)}`;
    const status = await fetch(`${stack.url}/api/submissions/${id}`, { headers: { 'x-api-key': stack.apiKey } });
    expect(status.status).toBe(200);
    const view = (await status.json()) as { channel: string; files: { name: string; contentType: string }[] };
    expect(view.channel).toBe('email');
    expect(view.files.map((f) => [f.name, f.contentType])).toEqual([['crowd.mkv', 'video/x-matroska']]);
  });
});
