import { createHash } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableIngestStore } from '../../adapters/ingest-store/table-ingest-store.js';
import { hashApiKey } from '../../ingest/security/api-key.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AzureKeyCredential, EventGridPublisherClient } from '@azure/eventgrid';
import { STACK_MASTER_KEY, startStack, type Stack } from '../support/newsdesk-stack.js';
import { fixture } from '../support/fixtures.js';
import { multipart, type Part } from '../support/multipart.js';

const MB = 1024 * 1024;
const HOOK = 'http://127.0.0.1:9/hook';
let stack: Stack;
let store: TableIngestStore;
const OTHER_KEY = 'nd_other-client-key-for-tests-000000';
const SLOW_KEY = 'nd_slow-client-key-for-tests-0000000';

beforeAll(async () => {
  stack = await startStack({ NEWSDESK_MAX_FILE_BYTES: String(8 * MB), NEWSDESK_MAX_FILES: '5', NEWSDESK_MAX_TOTAL_BYTES: String(12 * MB) });
  store = new TableIngestStore(stack.storage);
  await store.putClient(
    { clientId: 'other', name: 'Other desk', webhookSecret: 'x'.repeat(20), rateLimitPerMinute: 1000 },
    hashApiKey(OTHER_KEY),
  );
  await store.putClient(
    { clientId: 'slow', name: 'Rate-limited desk', webhookSecret: 'x'.repeat(20), rateLimitPerMinute: 2 },
    hashApiKey(SLOW_KEY),
  );
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

async function submit(
  body: FormData | Buffer,
  init: { key?: string | null; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.key !== null) headers['x-api-key'] = init.key ?? stack.apiKey;
  if (init.contentType) headers['content-type'] = init.contentType;
  return fetch(`${stack.url}/api/submissions`, { method: 'POST', headers, body: body as BodyInit });
}

async function blobCount(): Promise<number> {
  const container = BlobServiceClient.fromConnectionString(stack.storage).getContainerClient('incoming');
  if (!(await container.exists())) return 0;
  let n = 0;
  for await (const _ of container.listBlobsFlat()) n++;
  return n;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

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

  it('trusts magic bytes, not the declared type or the file name', async () => {
    const res = await submit(form([{ name: 'really-a-jpeg.png', body: fixture('runners-race.jpg'), type: 'image/png' }]));
    expect(res.status).toBe(202);
    expect(((await res.json()) as { files: { contentType: string }[] }).files[0]!.contentType).toBe('image/jpeg');
  });

  it('accepts every photo and video format of the fixture set', async () => {
    const names = [
      'cat-chelsea.png',
      'seashore-dusk-iphone7.heic',
      'marathon-crowd.mkv',
      'event-people-vp8-opus.webm',
      'countdown-speech-1080p.avi',
    ];
    const res = await submit(form(names.map((name) => ({ name, body: fixture(name) }))));
    expect(res.status).toBe(202);
    expect(((await res.json()) as { files: { contentType: string }[] }).files.map((f) => f.contentType)).toEqual([
      'image/png',
      'image/heic',
      'video/x-matroska',
      'video/webm',
      'video/x-msvideo',
    ]);
  });

  it('answers a repeated Idempotency-Key with the first answer and keeps no second copy', async () => {
    const files = [{ name: 'a.jpg', body: fixture('police-cars.jpg') }];
    const first = await submit(form(files), { headers: { 'idempotency-key': 'retry-1' } });
    const before = await blobCount();
    const again = await submit(form(files), { headers: { 'idempotency-key': 'retry-1' } });
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { submissionId: string }).submissionId).toBe(
      ((await first.json()) as { submissionId: string }).submissionId,
    );
    expect(await blobCount()).toBe(before);
  });

  it('shows a client its own submissions only, lists them and streams status as Server-Sent Events', async () => {
    const res = await submit(form([{ name: 'cat.png', body: fixture('cat-chelsea.png') }], { webhookUrl: HOOK, reference: 'mine' }));
    const { submissionId, statusUrl } = (await res.json()) as { submissionId: string; statusUrl: string };
    expect((await fetch(statusUrl, { headers: { 'x-api-key': OTHER_KEY } })).status).toBe(404);
    const list = (await (await fetch(`${stack.url}/api/submissions?limit=50`, { headers: { 'x-api-key': stack.apiKey } })).json()) as {
      submissions: { submissionId: string }[];
    };
    expect(list.submissions.map((s) => s.submissionId)).toContain(submissionId);
    const others = (await (await fetch(`${stack.url}/api/submissions`, { headers: { 'x-api-key': OTHER_KEY } })).json()) as {
      submissions: unknown[];
    };
    expect(others.submissions).toEqual([]);
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

describe('bad input: a precise 4xx problem, no blob left behind, the host still serving', () => {
  const jpeg = () => fixture('dog-bicycle-truck.jpg');
  const text = Buffer.from('This is a text file, not a photo.\n'.repeat(50));
  const big = Buffer.concat([fixture('police-cars.jpg'), Buffer.alloc(8 * MB)]);
  /** A hand-built body: the webhook URL, then `file`. */
  const raw = (file: Part) => multipart([{ name: 'webhookUrl', body: HOOK }, file]);
  const submitRaw = (file: Part) => {
    const m = raw(file);
    return submit(m.body, { contentType: m.contentType });
  };
  const truncated = (() => {
    const m = raw({ name: 'file', filename: 'a.jpg', body: jpeg() });
    return { body: m.body.subarray(0, Math.floor(m.body.length / 2)), contentType: m.contentType };
  })();
  const cases: [string, () => Promise<Response>, number, string][] = [
    ['no API key', () => submit(form([{ name: 'a.jpg', body: jpeg() }]), { key: null }), 401, 'missing-api-key'],
    ['an unknown API key', () => submit(form([{ name: 'a.jpg', body: jpeg() }]), { key: 'nd_wrong' }), 401, 'invalid-api-key'],
    ['a JSON body instead of multipart', () => submit(Buffer.from('{}'), { contentType: 'application/json' }), 415, ''],
    ['multipart without a boundary', () => submit(Buffer.from('x'), { contentType: 'multipart/form-data' }), 415, ''],
    ['a truncated multipart body', () => submit(truncated.body, { contentType: truncated.contentType }), 400, ''],
    ['a file part with no filename', () => submitRaw({ name: 'file', body: jpeg(), type: 'image/jpeg' }), 400, ''],
    ['a path-traversal filename', () => submitRaw({ name: 'file', filename: '../../etc/passwd.jpg', body: jpeg() }), 400, ''],
    ['a filename with a backslash path', () => submitRaw({ name: 'file', filename: 'C:\\\\photos\\\\a.jpg', body: jpeg() }), 400, ''],
    ['a text file renamed .jpg', () => submit(form([{ name: 'photo.jpg', body: text, type: 'image/jpeg' }])), 415, ''],
    ['a zero-byte file', () => submit(form([{ name: 'empty.jpg', body: Buffer.alloc(0) }])), 400, ''],
    ['a file over the size limit', () => submit(form([{ name: 'big.jpg', body: big }])), 413, ''],
    ['too many files', () => submit(form(Array.from({ length: 6 }, (_, i) => ({ name: `p${i}.jpg`, body: jpeg() })))), 413, ''],
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
      413,
      '',
    ],
    ['fields but no file', () => submit(form([])), 400, ''],
    [
      'invalid JSON metadata',
      () => submit(form([{ name: 'a.jpg', body: jpeg() }], { webhookUrl: HOOK, metadata: '{not json' })),
      400,
      'invalid-metadata',
    ],
    [
      'metadata that is not an object',
      () => submit(form([{ name: 'a.jpg', body: jpeg() }], { webhookUrl: HOOK, metadata: '[1,2]' })),
      400,
      'invalid-metadata',
    ],
    ['no webhook URL', () => submit(form([{ name: 'a.jpg', body: jpeg() }], {})), 400, 'missing-webhook-url'],
    [
      'an ftp webhook URL',
      () => submit(form([{ name: 'a.jpg', body: jpeg() }], { webhookUrl: 'ftp://example.com/x' })),
      422,
      'invalid-webhook-url',
    ],
    [
      'a javascript: webhook URL',
      () => submit(form([{ name: 'a.jpg', body: jpeg() }], { webhookUrl: 'javascript:alert(1)' })),
      422,
      'invalid-webhook-url',
    ],
    [
      'a private-address webhook URL',
      () => submit(form([{ name: 'a.jpg', body: jpeg() }], { webhookUrl: 'http://10.0.0.5/hook' })),
      422,
      'invalid-webhook-url',
    ],
    [
      'the cloud metadata address as webhook',
      () => submit(form([{ name: 'a.jpg', body: jpeg() }], { webhookUrl: 'http://169.254.169.254/latest' })),
      422,
      'invalid-webhook-url',
    ],
    [
      'a webhook URL with credentials',
      () => submit(form([{ name: 'a.jpg', body: jpeg() }], { webhookUrl: 'http://user:pw@127.0.0.1/hook' })),
      422,
      'invalid-webhook-url',
    ],
    [
      'an unknown priority',
      () => submit(form([{ name: 'a.jpg', body: jpeg() }], { webhookUrl: HOOK, priority: 'asap' })),
      400,
      'invalid-priority',
    ],
    [
      'a reference over 200 characters',
      () => submit(form([{ name: 'a.jpg', body: jpeg() }], { webhookUrl: HOOK, reference: 'r'.repeat(201) })),
      400,
      'invalid-reference',
    ],
    ['an unknown field', () => submit(form([{ name: 'a.jpg', body: jpeg() }], { webhookUrl: HOOK, colour: 'red' })), 400, 'unknown-field'],
    [
      'an Idempotency-Key over 255 characters',
      () => submit(form([{ name: 'a.jpg', body: jpeg() }]), { headers: { 'idempotency-key': 'k'.repeat(256) } }),
      400,
      'invalid-idempotency-key',
    ],
    [
      'an Idempotency-Key reused with another body',
      () => submit(form([{ name: 'b.jpg', body: fixture('runners-race.jpg') }]), { headers: { 'idempotency-key': 'reuse-1' } }),
      409,
      'idempotency-key-reused',
    ],
    [
      'a client over its rate limit',
      async () => {
        for (let i = 0; i < 2; i++) await fetch(`${stack.url}/api/submissions`, { headers: { 'x-api-key': SLOW_KEY } });
        return fetch(`${stack.url}/api/submissions`, { headers: { 'x-api-key': SLOW_KEY } });
      },
      429,
      'rate-limited',
    ],
    [
      'an unknown submission id',
      () => fetch(`${stack.url}/api/submissions/s-does-not-exist`, { headers: { 'x-api-key': stack.apiKey } }),
      404,
      'submission-not-found',
    ],
    [
      'a list filter with an unknown status',
      () => fetch(`${stack.url}/api/submissions?status=lost`, { headers: { 'x-api-key': stack.apiKey } }),
      400,
      'invalid-status-filter',
    ],
    [
      'a list filter with a bad date',
      () => fetch(`${stack.url}/api/submissions?since=yesterday`, { headers: { 'x-api-key': stack.apiKey } }),
      400,
      'invalid-since',
    ],
    [
      'a list limit out of range',
      () => fetch(`${stack.url}/api/submissions?limit=5000`, { headers: { 'x-api-key': stack.apiKey } }),
      400,
      'invalid-limit',
    ],
  ];

  beforeAll(async () => {
    expect((await submit(form([{ name: 'a.jpg', body: jpeg() }]), { headers: { 'idempotency-key': 'reuse-1' } })).status).toBe(202);
  });

  it.each(cases)('%s', async (_name, call, status, code) => {
    const before = await blobCount();
    const res = await call();
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { type: string; status: number; title: string };
    expect(problem.status).toBe(status);
    expect(problem.title).toBeTruthy();
    if (code) expect(problem.type).toBe(`https://newsdesk.dev/problems/${code}`);
    if (status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await blobCount()).toBe(before);
    expect((await fetch(`${stack.url}/api/health`)).status).toBe(200);
  });
});
