import { createHash } from 'node:crypto';
import { BlockBlobClient } from '@azure/storage-blob';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '../../test/support/fixtures.js';
import {
  expectProblem,
  HOOK,
  ingestTestbed,
  invocationContext,
  OTHER_KEY,
  received,
  type IngestTestbed,
} from '../../test/support/ingest-testbed.js';
import { createCommitUploadSession } from './commit-upload-session.js';
import { createUploadSession } from './create-upload-session.js';

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

/** A session opened through the handler, for one file of `size` bytes. */
async function open(name: string, size: number): Promise<{ sessionId: string; fileId: string; upload: BlockBlobClient }> {
  const res = await createUploadSession(tb.deps)(
    tb.request('POST', '/api/uploads', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ files: [{ name, size }], webhookUrl: HOOK, reference: 'big-video' }),
    }),
    invocationContext(),
  );
  const { sessionId, files } = (await received<{ sessionId: string; files: { fileId: string; uploadUrl: string }[] }>(res)).body;
  return { sessionId, fileId: files[0]!.fileId, upload: new BlockBlobClient(files[0]!.uploadUrl) };
}

const commit = (id: string, key?: string) =>
  createCommitUploadSession(tb.deps)(tb.request('POST', `/api/uploads/${id}/commit`, { key, params: { id } }), invocationContext());

describe('POST /api/uploads/{id}/commit', () => {
  it('waits for blocks still only staged, then checks, hashes and accepts the upload as a submission, once', async () => {
    const video = fixture('selfie-cyclists-rotate-90.mp4');
    const { sessionId, fileId, upload } = await open('selfie.mp4', video.length);
    const half = Math.floor(video.length / 2);
    const ids = ['block-0', 'block-1'].map((id) => Buffer.from(id).toString('base64'));
    await upload.stageBlock(ids[0]!, video.subarray(0, half), half);
    const early = await expectProblem(await commit(sessionId), 409, 'upload-incomplete');
    expect(early.body.fileId).toBe(fileId);
    await upload.stageBlock(ids[1]!, video.subarray(half), video.length - half);
    await upload.commitBlockList(ids);

    const res = await received<Accepted>(await commit(sessionId));
    expect(res.status).toBe(202);
    expect(res.body.submissionId).toBe(sessionId);
    expect(res.headers.get('location')).toBe(`http://localhost:7071/api/submissions/${sessionId}`);
    expect(res.body.files).toEqual([{ fileId, name: 'selfie.mp4', size: video.length, contentType: 'video/mp4', sha256: sha(video) }]);
    expect(await tb.store.getSubmission(sessionId)).toMatchObject({ channel: 'upload-session', reference: 'big-video', webhookUrl: HOOK });
    expect((await tb.store.getUploadSession(sessionId))?.state).toBe('committed');
    expect(tb.events.published.map((e) => e.id)).toEqual([sessionId]);

    const again = await received<Accepted>(await commit(sessionId));
    expect(again).toMatchObject({ status: 202, body: { submissionId: sessionId, files: [] } });
    expect(tb.events.published).toHaveLength(1);
  });

  it.each([
    ['of the wrong size', 'a.jpg', 1000, fixture('dog-bicycle-truck.jpg'), 422, 'size-mismatch'],
    ['that is not media', 'a.mp4', 1900, Buffer.from('not a video at all\n'.repeat(100)), 415, 'unsupported-media-type'],
  ])('rejects an upload %s and deletes it', async (_what, name, size, bytes, status, code) => {
    const { sessionId, upload } = await open(name, size);
    await upload.uploadData(bytes);
    await expectProblem(await commit(sessionId), status, code);
    expect(await tb.stored()).toEqual({ blobs: [], submissions: [], events: [] });
  });

  it('refuses to commit an expired session with 410 and deletes what was uploaded', async () => {
    const photo = fixture('runners-race.jpg');
    const { sessionId, upload } = await open('a.jpg', photo.length);
    await upload.uploadData(photo);
    const session = (await tb.store.getUploadSession(sessionId))!;
    await tb.store.putUploadSession({ ...session, expiresAt: new Date(Date.now() - 1000).toISOString() });
    await expectProblem(await commit(sessionId), 410, 'upload-session-expired');
    expect(await tb.stored()).toEqual({ blobs: [], submissions: [], events: [] });
  });

  it.each([
    ['an unknown session', () => commit('u-nope')],
    ['an id that cannot be one', () => commit('../u0001')],
    ['another client’s session', () => open('a.jpg', 10).then((s) => commit(s.sessionId, OTHER_KEY))],
  ])('answers 404 for %s', async (_what, call) => {
    await expectProblem(await call(), 404, 'upload-session-not-found');
    expect(await tb.stored()).toEqual({ blobs: [], submissions: [], events: [] });
  });
});
