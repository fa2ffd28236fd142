import { createHash } from 'node:crypto';
import { BlobServiceClient, BlockBlobClient } from '@azure/storage-blob';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AzureKeyCredential, EventGridPublisherClient } from '@azure/eventgrid';
import { STACK_MASTER_KEY, startStack, type Stack } from '../support/newsdesk-stack.js';
import { fixture } from '../support/fixtures.js';

const MB = 1024 * 1024;
const HOOK = 'http://127.0.0.1:9/hook';
const MAILBOX_KEY = 'nd_mail_fixed-mailbox-key-for-tests-0000';
let stack: Stack;

// Intake through the whole stack, on one stack: the handlers' own logic (validation, problem
// details, idempotency, sniffing, listing, commit checks, e-mail rules) is unit-tested beside them
// with the in-memory adapters. What stays here needs Azurite, the host, Event Grid, Durable or the mail drop.
beforeAll(async () => {
  stack = await startStack({
    NEWSDESK_MAX_FILE_BYTES: String(8 * MB),
    NEWSDESK_MAX_TOTAL_BYTES: String(12 * MB),
    NEWSDESK_MAILBOX_API_KEY: MAILBOX_KEY,
    NEWSDESK_DEV_MAIL_SENDERS: 'photodesk@agency.test',
    NEWSDESK_DEV_WEBHOOK_URL: HOOK,
  });
});
afterAll(async () => {
  await stack?.stop();
});

function form(files: { name: string; body: Buffer; type?: string }[], fields: Record<string, string> = { webhookUrl: HOOK }): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  for (const f of files) data.append('file', new Blob([new Uint8Array(f.body)], { type: f.type ?? 'application/octet-stream' }), f.name);
  return data;
}

const submit = (body: FormData): Promise<Response> =>
  fetch(`${stack.url}/api/submissions`, { method: 'POST', headers: { 'x-api-key': stack.apiKey }, body });

async function blobCount(): Promise<number> {
  const container = BlobServiceClient.fromConnectionString(stack.storage).getContainerClient('incoming');
  if (!(await container.exists())) return 0;
  let n = 0;
  for await (const _ of container.listBlobsFlat()) n++;
  return n;
}

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

describe('POST /api/submissions with real media', () => {
  it('stores a photo and a video, answers 202 with hashes and sniffed types, and starts the orchestration', async () => {
    const photo = fixture('dog-bicycle-truck.jpg');
    const video = fixture('tears-of-steel-cuts.mp4');
    const res = await submit(
      form(
        [
          { name: 'dog.jpg', body: photo, type: 'image/jpeg' },
          { name: 'clip.mp4', body: video },
        ],
        { webhookUrl: HOOK, reference: 'story-42', priority: 'urgent', metadata: '{"desk":"sports"}' },
      ),
    );
    expect(res.status).toBe(202);
    const body = (await res.json()) as {
      submissionId: string;
      statusUrl: string;
      files: { fileId: string; name: string; size: number; contentType: string; sha256: string }[];
    };
    expect(body.files.map((f) => [f.name, f.size, f.contentType, f.sha256])).toEqual([
      ['dog.jpg', photo.length, 'image/jpeg', sha(photo)],
      ['clip.mp4', video.length, 'video/mp4', sha(video)],
    ]);
    expect(res.headers.get('location')).toBe(body.statusUrl);
    const container = BlobServiceClient.fromConnectionString(stack.storage).getContainerClient('incoming');
    const stored = await container.getBlobClient(`${body.submissionId}/${body.files[0]!.fileId}`).downloadToBuffer();
    expect(sha(stored)).toBe(sha(photo));
    // Event Grid → starter → orchestration → the record moves on to processing.
    await expect
      .poll(
        async () => ((await (await fetch(body.statusUrl, { headers: { 'x-api-key': stack.apiKey } })).json()) as { status: string }).status,
        { timeout: 15_000 },
      )
      .toBe('processing');
    const view = (await (await fetch(body.statusUrl, { headers: { 'x-api-key': stack.apiKey } })).json()) as {
      reference: string;
      priority: string;
      orchestration: { runtimeStatus: string };
      progress: { total: number };
    };
    expect(view).toMatchObject({ reference: 'story-42', priority: 'urgent', progress: { total: 2 } });
  });

  it('starts one orchestration per submission even when Submission.Received is delivered twice', async () => {
    const res = await submit(form([{ name: 'cat.png', body: fixture('cat-chelsea.png') }]));
    const { submissionId } = (await res.json()) as { submissionId: string };
    const instance = `${stack.url}/runtime/webhooks/durabletask/instances/${submissionId}?code=${STACK_MASTER_KEY}`;
    // No worker runs in this suite: the orchestration stays Running, waiting for the analysis.
    await expect
      .poll(async () => ((await (await fetch(instance)).json()) as { runtimeStatus?: string }).runtimeStatus, { timeout: 15_000 })
      .toBe('Running');
    const first = (await (await fetch(instance)).json()) as { createdTime: string; input: unknown };
    // Publish the very same event again, as an at-least-once delivery or the outbox relay would.
    const key = (JSON.parse(readFileSync(join(stack.dataDir, 'local-secrets.json'), 'utf8')) as { eventGridTopicKey: string })
      .eventGridTopicKey;
    const publisher = new EventGridPublisherClient(
      `${stack.url}/runtime/eventgrid/topics/newsdesk/api/events`,
      'CloudEvent',
      new AzureKeyCredential(key),
      { allowInsecureConnection: true },
    );
    await publisher.send([
      {
        id: submissionId,
        type: 'Newsdesk.Submission.Received',
        source: '/newsdesk/ingest',
        subject: `/submissions/${submissionId}`,
        data: (first.input as { submission: Record<string, unknown> }).submission,
      },
    ]);
    await new Promise((r) => setTimeout(r, 1500));
    const after = (await (await fetch(instance)).json()) as { createdTime: string; runtimeStatus: string };
    expect(after).toMatchObject({ createdTime: first.createdTime, runtimeStatus: 'Running' });
  });

  it('streams status as Server-Sent Events through the host', async () => {
    const res = await submit(form([{ name: 'cat.png', body: fixture('cat-chelsea.png') }], { webhookUrl: HOOK, reference: 'mine' }));
    const { submissionId, statusUrl } = (await res.json()) as { submissionId: string; statusUrl: string };
    const controller = new AbortController();
    const sse = await fetch(`${statusUrl}/events`, { headers: { 'x-api-key': stack.apiKey }, signal: controller.signal });
    expect(sse.headers.get('content-type')).toBe('text/event-stream');
    const reader = sse.body!.getReader();
    let text = '';
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(text).toMatch(/^id: 1\nevent: status\ndata: /);
    expect(JSON.parse(text.split('data: ')[1]!.split('\n')[0]!)).toMatchObject({ submissionId, reference: 'mine' });
  });
});

describe('bodies over the limits, streamed through the host: 413, no blob left behind, the host still serving', () => {
  const big = Buffer.concat([fixture('police-cars.jpg'), Buffer.alloc(8 * MB)]);
  const cases: [string, () => Promise<Response>, string][] = [
    ['a file over the size limit', () => submit(form([{ name: 'big.jpg', body: big }])), 'file-too-large'],
    [
      'a total over the limit',
      () =>
        submit(
          form(
            [1, 2]
              .map((i) => ({ name: `v${i}.mkv`, body: fixture('marathon-crowd.mkv') }))
              .concat([
                { name: 'c.avi', body: fixture('countdown-speech-1080p.avi') },
                { name: 'd.mp4', body: fixture('selfie-cyclists-rotate-90.mp4') },
              ]),
          ),
        ),
      'payload-too-large',
    ],
  ];

  it.each(cases)('%s', async (_name, call, code) => {
    const before = await blobCount();
    const res = await call();
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ type: `https://newsdesk.dev/problems/${code}`, status: 413, title: expect.any(String) });
    expect(await blobCount()).toBe(before);
    expect((await fetch(`${stack.url}/api/health`)).status).toBe(200);
  });
});

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
});

describe('e-mail intake', () => {
  // The JSON endpoint's rules are unit-tested in ingest/email; here a real mail goes through the SMTP drop and the stack.
  it('takes real mail through the local SMTP mail drop', async () => {
    const auth = { user: stack.mailDropUser, pass: stack.mailDropPassword };
    expect(auth.user).toBe('photodesk@agency.test');
    const transport = createTransport({ host: '127.0.0.1', port: stack.mailDropPort, secure: false, ignoreTLS: true, auth });
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
