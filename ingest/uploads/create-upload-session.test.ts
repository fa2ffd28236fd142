import { BlockBlobClient } from '@azure/storage-blob';
import { beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, HOOK, ingestTestbed, invocationContext, received, type IngestTestbed } from '../../test/support/ingest-testbed.js';
import { createUploadSession } from './create-upload-session.js';

interface Created {
  sessionId: string;
  expiresAt: string;
  commitUrl: string;
  files: { fileId: string; name: string; size: number; uploadUrl: string }[];
}

let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
});

const create = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }, key?: string | null) =>
  createUploadSession(tb.deps)(
    tb.request('POST', '/api/uploads', { key, headers, body: typeof body === 'string' ? body : JSON.stringify(body) }),
    invocationContext(),
  );

describe('POST /api/uploads', () => {
  it('opens a session with one write-only upload URL per file', async () => {
    const before = Date.now();
    const body = { files: [{ name: 'long.mp4', size: 3 * 1024 ** 3 }], webhookUrl: HOOK, reference: 'big-video', priority: 'urgent' };
    const res = await received<Created>(await create(body));
    expect(res.status).toBe(201);
    const { sessionId, files, expiresAt } = res.body;
    expect(res.body.commitUrl).toBe(`http://localhost:7071/api/uploads/${sessionId}/commit`);
    expect(Date.parse(expiresAt) - before).toBeGreaterThanOrEqual(15 * 60_000 - 1000);
    expect(Date.parse(expiresAt) - before).toBeLessThanOrEqual(15 * 60_000 + 1000);
    expect(files).toMatchObject([{ name: 'long.mp4', size: 3 * 1024 ** 3 }]);
    expect(await tb.store.getUploadSession(sessionId)).toEqual({
      sessionId,
      clientId: 'desk',
      files: [{ fileId: files[0]!.fileId, name: 'long.mp4', size: 3 * 1024 ** 3, blob: `incoming/${sessionId}/${files[0]!.fileId}` }],
      webhookUrl: HOOK,
      reference: 'big-video',
      priority: 'urgent',
      expiresAt,
      state: 'open',
    });
    const blob = new BlockBlobClient(files[0]!.uploadUrl);
    await blob.uploadData(Buffer.from('first bytes'));
    expect((await tb.blobs.info(`incoming/${sessionId}/${files[0]!.fileId}`))?.size).toBe(11);
    await expect(blob.download()).rejects.toMatchObject({ statusCode: 403 });
    expect(tb.events.published).toEqual([]);
  });

  const file = { name: 'x.mp4', size: 10 };
  const cases: [string, () => ReturnType<typeof create>, number, string][] = [
    ['no API key', () => create({ files: [file], webhookUrl: HOOK }, undefined, null), 401, 'missing-api-key'],
    ['a non-JSON body', () => create('x', { 'content-type': 'text/plain' }), 415, 'unsupported-content-type'],
    ['invalid JSON', () => create('{'), 400, 'invalid-json'],
    ['a body over 256 KiB', () => create({ files: [file], webhookUrl: HOOK, reference: 'r'.repeat(256 * 1024) }), 413, 'payload-too-large'],
    ['no files', () => create({ files: [], webhookUrl: HOOK }), 400, 'invalid-upload-request'],
    ['a file without a size', () => create({ files: [{ name: 'x.mp4' }], webhookUrl: HOOK }), 400, 'invalid-upload-request'],
    ['a size that is not positive', () => create({ files: [{ name: 'x.mp4', size: 0 }], webhookUrl: HOOK }), 400, 'invalid-upload-request'],
    ['an unknown member', () => create({ files: [file], webhookUrl: HOOK, colour: 'red' }), 400, 'invalid-upload-request'],
    ['a traversal file name', () => create({ files: [{ name: '../x.mp4', size: 10 }], webhookUrl: HOOK }), 400, 'bad-filename'],
    [
      'a file over the upload cap',
      () => create({ files: [{ name: 'x.mp4', size: 10 * 1024 ** 4 }], webhookUrl: HOOK }),
      413,
      'file-too-large',
    ],
    [
      'too many files',
      () => create({ files: Array.from({ length: 6 }, (_, i) => ({ name: `${i}.mp4`, size: 10 })), webhookUrl: HOOK }),
      413,
      'too-many-files',
    ],
    ['no webhook URL', () => create({ files: [file] }), 400, 'missing-webhook-url'],
    ['a private webhook', () => create({ files: [file], webhookUrl: 'http://192.168.1.20/x' }), 422, 'invalid-webhook-url'],
    ['an unknown priority', () => create({ files: [file], webhookUrl: HOOK, priority: 'asap' }), 400, 'invalid-priority'],
  ];
  it.each(cases)('rejects %s, opening no session', async (_what, call, status, code) => {
    await expectProblem(await call(), status, code);
    expect(tb.ids).toEqual([]);
    expect(await tb.stored()).toEqual({ blobs: [], submissions: [], events: [] });
  });
});
