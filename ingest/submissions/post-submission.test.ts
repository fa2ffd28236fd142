import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '../../test/support/fixtures.js';
import { failTimes } from '../../test/support/transient-faults.js';
import { multipart, type Part } from '../../test/support/multipart.js';
import {
  API_KEY,
  expectProblem,
  HOOK,
  ingestTestbed,
  invocationContext,
  received,
  type IngestTestbed,
} from '../../test/support/ingest-testbed.js';
import { hashApiKey } from '../security/api-key.js';
import { createPostSubmission } from './post-submission.js';

const MB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Accepted {
  submissionId: string;
  statusUrl: string;
  files: { fileId: string; name: string; size: number; contentType: string; sha256: string }[];
}

let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
});

type File = { name: string; body: Buffer; type?: string };
const form = (files: File[], fields: Record<string, string> = { webhookUrl: HOOK }): Part[] => [
  ...Object.entries(fields).map(([name, body]) => ({ name, body })),
  ...files.map((f) => ({ name: 'file', filename: f.name, type: f.type ?? 'application/octet-stream', body: f.body })),
];
const submit = (parts: Part[], init: { key?: string | null; headers?: Record<string, string> } = {}) => {
  const { body, contentType } = multipart(parts);
  return submitRaw(body, contentType, init);
};
const submitRaw = (body: Buffer | undefined, contentType: string, init: { key?: string | null; headers?: Record<string, string> } = {}) =>
  createPostSubmission(tb.deps)(
    tb.request('POST', '/api/submissions', { key: init.key, body, headers: { 'content-type': contentType, ...init.headers } }),
    invocationContext(),
  );

describe('POST /api/submissions', () => {
  it('stores a photo and a video, records the submission and publishes Submission.Received', async () => {
    const [photo, video] = [fixture('dog-bicycle-truck.jpg'), fixture('tears-of-steel-cuts.mp4')];
    const fields = { webhookUrl: HOOK, reference: 'story-42', priority: 'urgent', metadata: '{"desk":"sports"}' };
    const res = await received<Accepted>(
      await submit(
        form(
          [
            { name: 'dog.jpg', body: photo, type: 'image/jpeg' },
            { name: 'clip.mp4', body: video },
          ],
          fields,
        ),
      ),
    );
    expect(res.status).toBe(202);
    const { submissionId, files } = res.body;
    expect(files.map((f) => [f.name, f.size, f.contentType, f.sha256])).toEqual([
      ['dog.jpg', photo.length, 'image/jpeg', sha(photo)],
      ['clip.mp4', video.length, 'video/mp4', sha(video)],
    ]);
    expect(res.body.statusUrl).toBe(`http://localhost:7071/api/submissions/${submissionId}`);
    expect(res.headers.get('location')).toBe(res.body.statusUrl);
    const blob = `incoming/${submissionId}/${files[0]!.fileId}`;
    expect(sha(await buffer(await tb.blobs.read(blob)))).toBe(sha(photo));
    expect((await tb.blobs.info(blob))?.metadata).toEqual({ submissionid: submissionId, fileid: files[0]!.fileId });
    expect(await tb.store.getSubmission(submissionId)).toMatchObject({
      clientId: 'desk',
      status: 'received',
      channel: 'http',
      webhookUrl: HOOK,
      reference: 'story-42',
      priority: 'urgent',
      metadata: { desk: 'sports' },
      published: true,
    });
    expect(tb.events.published).toMatchObject([
      {
        id: submissionId,
        type: 'Newsdesk.Submission.Received',
        subject: `/submissions/${submissionId}`,
        data: { submissionId, clientId: 'desk' },
      },
    ]);
    expect(await tb.store.pendingEvents(10)).toEqual([]);
  });

  it('answers 202 while Event Grid is down and leaves the event in the outbox', async () => {
    tb.events.available = false;
    const res = await received<Accepted>(await submit(form([{ name: 'cat.png', body: fixture('cat-chelsea.png') }])));
    expect(res.status).toBe(202);
    expect((await tb.store.getSubmission(res.body.submissionId))?.published).toBe(false);
    expect((await tb.store.pendingEvents(10)).map((p) => p.event.id)).toEqual([res.body.submissionId]);
  });

  it('trusts magic bytes, not the declared type or the file name', async () => {
    const res = await received<Accepted>(
      await submit(form([{ name: 'really-a-jpeg.png', body: fixture('runners-race.jpg'), type: 'image/png' }])),
    );
    expect(res.status).toBe(202);
    expect(res.body.files[0]!.contentType).toBe('image/jpeg');
  });

  it('accepts every photo and video format of the fixture set', async () => {
    const names = [
      'cat-chelsea.png',
      'seashore-dusk-iphone7.heic',
      'marathon-crowd.mkv',
      'event-people-vp8-opus.webm',
      'countdown-speech-1080p.avi',
    ];
    const res = await received<Accepted>(await submit(form(names.map((name) => ({ name, body: fixture(name) })))));
    expect(res.status).toBe(202);
    expect(res.body.files.map((f) => f.contentType)).toEqual([
      'image/png',
      'image/heic',
      'video/x-matroska',
      'video/webm',
      'video/x-msvideo',
    ]);
  });

  it('answers a repeated Idempotency-Key with the first answer and keeps no second copy', async () => {
    const files = [{ name: 'a.jpg', body: fixture('police-cars.jpg') }];
    const first = await received<Accepted>(await submit(form(files), { headers: { 'idempotency-key': 'retry-1' } }));
    const before = await tb.stored();
    const again = await received<Accepted>(await submit(form(files), { headers: { 'idempotency-key': 'retry-1' } }));
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await tb.stored()).toEqual(before);
  });

  it('runs one of three simultaneous POSTs with the same Idempotency-Key: one submission, one event, no stray blobs', async () => {
    const files = [{ name: 'a.jpg', body: fixture('police-cars.jpg') }];
    const headers = { 'idempotency-key': 'race-1' };
    const answers = await Promise.all([1, 2, 3].map(async () => received<Accepted>(await submit(form(files), { headers }))));
    const accepted = answers.filter((a) => a.status === 202);
    const busy = answers.filter((a) => a.status === 409);
    expect(accepted.length + busy.length).toBe(3);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    for (const a of accepted) expect(a.body).toEqual(accepted[0]!.body);
    for (const b of busy) {
      expect(b.headers.get('retry-after')).toBe('1');
      expect(b.body).toMatchObject({ type: 'https://newsdesk.dev/problems/idempotency-in-progress' });
    }
    const { submissionId, files: kept } = accepted[0]!.body;
    expect(await tb.stored()).toEqual({
      blobs: kept.map((f) => `incoming/${submissionId}/${f.fileId}`),
      submissions: [submissionId],
      events: [submissionId],
    });
    const retry = await received<Accepted>(await submit(form(files), { headers }));
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(accepted[0]!.body);
  });

  it('frees an Idempotency-Key whose request was refused, so the corrected retry runs', async () => {
    const files = [{ name: 'a.jpg', body: fixture('police-cars.jpg') }];
    const headers = { 'idempotency-key': 'fix-1' };
    await expectProblem(
      await submit(form(files, { webhookUrl: 'http://private.example.test/hook' }), { headers }),
      422,
      'invalid-webhook-url',
    );
    const fixed = await received<Accepted>(await submit(form(files), { headers }));
    expect(fixed.status).toBe(202);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
  });

  it('answers 503 with Retry-After while storage is down, keeps nothing, and frees the key it claimed once storage is back', async () => {
    const files = [{ name: 'a.jpg', body: fixture('police-cars.jpg') }];
    const headers = { 'idempotency-key': 'outage-1' };
    // Storage goes down after the key was claimed and the file stored: recording the submission fails, and so do
    // the first tries to free the key again.
    const faults = [failTimes(tb.store, 'createSubmission', 1), failTimes(tb.store, 'releaseIdempotency', 2)];
    const started = performance.now();
    const refused = await expectProblem(await submit(form(files), { headers }), 503, 'service-unavailable');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(await tb.stored()).toEqual({ blobs: [], submissions: [], events: [] });
    // Storage is back: the key is freed in the background, and the client's retry runs, once.
    await expect.poll(() => tb.store.getIdempotency('desk', 'outage-1'), { timeout: 5_000 }).toBeUndefined();
    faults.forEach((f) => f.restore());
    const accepted = await received<Accepted>(await submit(form(files), { headers }));
    expect(accepted.status).toBe(202);
    const again = await received<Accepted>(await submit(form(files), { headers }));
    expect(again.body.submissionId).toBe(accepted.body.submissionId);
    expect((await tb.stored()).submissions).toEqual([accepted.body.submissionId]);
  });

  it('takes over an Idempotency-Key left pending by a host that died, once the claim expires', async () => {
    const headers = { 'idempotency-key': 'crashed-1' };
    const expiresAt = new Date(Date.now() + 60_000).toISOString();
    await tb.store.claimIdempotency('desk', 'crashed-1', { state: 'pending', claimId: 'dead-host', expiresAt }, new Date().toISOString());
    const files = [{ name: 'a.jpg', body: fixture('police-cars.jpg') }];
    await expectProblem(await submit(form(files), { headers }), 409, 'idempotency-in-progress');
    tb.deps.now = () => new Date(Date.now() + 6 * 60_000);
    expect((await received<Accepted>(await submit(form(files), { headers }))).status).toBe(202);
  });
});

describe('POST /api/submissions, bad input: a precise 4xx problem and nothing stored', () => {
  const jpeg = () => fixture('dog-bicycle-truck.jpg');
  const one = (fields?: Record<string, string>) => form([{ name: 'a.jpg', body: jpeg() }], fields);
  const withWebhook = (parts: Part[]) => [{ name: 'webhookUrl', body: HOOK }, ...parts];
  const cases: [string, () => ReturnType<typeof submit>, number, string][] = [
    ['no API key', () => submit(one(), { key: null }), 401, 'missing-api-key'],
    ['an unknown API key', () => submit(one(), { key: 'nd_wrong' }), 401, 'invalid-api-key'],
    ['no body', () => submitRaw(undefined, 'multipart/form-data; boundary=x'), 400, 'missing-body'],
    ['a JSON body instead of multipart', () => submitRaw(Buffer.from('{}'), 'application/json'), 415, 'not-multipart'],
    ['multipart without a boundary', () => submitRaw(Buffer.from('x'), 'multipart/form-data'), 415, 'not-multipart'],
    [
      'a truncated multipart body',
      () => {
        const m = multipart(withWebhook([{ name: 'file', filename: 'a.jpg', body: jpeg() }]));
        return submitRaw(m.body.subarray(0, Math.floor(m.body.length / 2)), m.contentType);
      },
      400,
      'malformed-multipart',
    ],
    ['a file part with no filename', () => submit(withWebhook([{ name: 'file', body: jpeg(), type: 'image/jpeg' }])), 400, 'bad-filename'],
    [
      'a path-traversal filename',
      () => submit(withWebhook([{ name: 'file', filename: '../../etc/passwd.jpg', body: jpeg() }])),
      400,
      'bad-filename',
    ],
    [
      'a filename with a backslash path',
      () => submit(withWebhook([{ name: 'file', filename: 'C:\\\\photos\\\\a.jpg', body: jpeg() }])),
      400,
      'bad-filename',
    ],
    [
      'a text file renamed .jpg',
      () => submit(form([{ name: 'photo.jpg', body: Buffer.from('This is a text file, not a photo.\n'.repeat(50)), type: 'image/jpeg' }])),
      415,
      'unsupported-media-type',
    ],
    ['a zero-byte file', () => submit(form([{ name: 'empty.jpg', body: Buffer.alloc(0) }])), 400, 'empty-file'],
    [
      'a file over the size limit',
      () => submit(form([{ name: 'big.jpg', body: Buffer.concat([fixture('police-cars.jpg'), Buffer.alloc(8 * MB)]) }])),
      413,
      'file-too-large',
    ],
    [
      'too many files',
      () => submit(form(Array.from({ length: 6 }, (_, i) => ({ name: `p${i}.jpg`, body: jpeg() })))),
      413,
      'too-many-files',
    ],
    [
      'a total over the limit',
      () =>
        submit(
          form([
            { name: 'v1.mkv', body: fixture('marathon-crowd.mkv') },
            { name: 'v2.mkv', body: fixture('marathon-crowd.mkv') },
            { name: 'c.avi', body: fixture('countdown-speech-1080p.avi') },
            { name: 'd.mp4', body: fixture('selfie-cyclists-rotate-90.mp4') },
          ]),
        ),
      413,
      'payload-too-large',
    ],
    ['fields but no file', () => submit(form([])), 400, 'no-files'],
    ['invalid JSON metadata', () => submit(one({ webhookUrl: HOOK, metadata: '{not json' })), 400, 'invalid-metadata'],
    ['metadata that is not an object', () => submit(one({ webhookUrl: HOOK, metadata: '[1,2]' })), 400, 'invalid-metadata'],
    [
      'metadata over 16 KiB',
      () => submit(one({ webhookUrl: HOOK, metadata: JSON.stringify({ a: 'x'.repeat(17 * 1024) }) })),
      400,
      'invalid-metadata',
    ],
    ['no webhook URL', () => submit(one({})), 400, 'missing-webhook-url'],
    ['an ftp webhook URL', () => submit(one({ webhookUrl: 'ftp://example.com/x' })), 422, 'invalid-webhook-url'],
    ['a javascript: webhook URL', () => submit(one({ webhookUrl: 'javascript:alert(1)' })), 422, 'invalid-webhook-url'],
    ['a private-address webhook URL', () => submit(one({ webhookUrl: 'http://10.0.0.5/hook' })), 422, 'invalid-webhook-url'],
    [
      'the cloud metadata address as webhook',
      () => submit(one({ webhookUrl: 'http://169.254.169.254/latest' })),
      422,
      'invalid-webhook-url',
    ],
    ['a webhook URL with credentials', () => submit(one({ webhookUrl: 'http://user:pw@127.0.0.1/hook' })), 422, 'invalid-webhook-url'],
    [
      'a webhook host that resolves to a private address',
      () => submit(one({ webhookUrl: 'https://private.example.test/x' })),
      422,
      'invalid-webhook-url',
    ],
    [
      'a webhook host that does not resolve',
      () => submit(one({ webhookUrl: 'https://nowhere.example.test/x' })),
      422,
      'invalid-webhook-url',
    ],
    ['an unknown priority', () => submit(one({ webhookUrl: HOOK, priority: 'asap' })), 400, 'invalid-priority'],
    ['a reference over 200 characters', () => submit(one({ webhookUrl: HOOK, reference: 'r'.repeat(201) })), 400, 'invalid-reference'],
    ['an unknown field', () => submit(one({ webhookUrl: HOOK, colour: 'red' })), 400, 'unknown-field'],
    [
      'an Idempotency-Key over 255 characters',
      () => submit(one(), { headers: { 'idempotency-key': 'k'.repeat(256) } }),
      400,
      'invalid-idempotency-key',
    ],
  ];

  it.each(cases)('%s', async (_name, call, status, code) => {
    await expectProblem(await call(), status, code);
    expect(await tb.stored()).toEqual({ blobs: [], submissions: [], events: [] });
  });

  it('an Idempotency-Key reused with another body: 409, and the second body is not kept', async () => {
    const first = await received<Accepted>(await submit(one(), { headers: { 'idempotency-key': 'reuse-1' } }));
    const before = await tb.stored();
    const other = form([{ name: 'b.jpg', body: fixture('runners-race.jpg') }]);
    await expectProblem(await submit(other, { headers: { 'idempotency-key': 'reuse-1' } }), 409, 'idempotency-key-reused');
    expect(await tb.stored()).toEqual(before);
    expect(before.submissions).toEqual([first.body.submissionId]);
  });

  it('a client over its rate limit: 429 with Retry-After', async () => {
    await tb.store.putClient({ ...tb.client, rateLimitPerMinute: 2 }, hashApiKey(API_KEY));
    for (let i = 0; i < 2; i++) expect((await received(await submit(one()))).status).toBe(202);
    const before = await tb.stored();
    const { headers, body } = await expectProblem(await submit(one()), 429, 'rate-limited');
    expect(Number(headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(body.retryAfterSeconds).toBe(Number(headers.get('retry-after')));
    expect(await tb.stored()).toEqual(before);
  });
});
