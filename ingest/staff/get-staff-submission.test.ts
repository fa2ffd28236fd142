import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assetBlobOf } from '../../contracts/assets.js';
import type { VideoAnalysis } from '../../contracts/file-analysis.js';
import { resultBlobOf } from '../../contracts/ids.js';
import {
  EDITOR_KEY,
  expectProblem,
  ingestTestbed,
  invocationContext,
  received,
  type IngestTestbed,
} from '../../test/support/ingest-testbed.js';
import { scriptedAnalysis } from '../../test/support/scripted-analysis.js';
import { createGetStaffSubmission } from './get-staff-submission.js';

let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
});
afterEach(async () => {
  await tb.blobs.close();
});

const get = async (id: string) =>
  createGetStaffSubmission({ ...tb.deps, deliveries: tb.deliveries })(
    tb.request('GET', `/api/staff/submissions/${id}`, { key: null, headers: { authorization: `Bearer ${EDITOR_KEY}` }, params: { id } }),
    invocationContext(),
  );
interface StaffFile {
  assets: { original?: string; thumbnail320?: string; keyframes?: { url: string; time: number }[] };
  timeline: { state: string }[];
  resolution?: unknown;
}
type StaffDetail = Record<string, unknown> & { files: StaffFile[]; deliveries: unknown[] };

const put = (path: string, text: string, contentType: string) => tb.blobs.upload(path, Readable.from([Buffer.from(text)]), { contentType });

describe('GET /api/staff/submissions/{id}', () => {
  it('shows any client’s submission with its client, deliveries, signed picture URLs, timelines and the resolution', async () => {
    const id = 'sdesk1';
    const file = (fileId: string, name: string, contentType: 'image/jpeg' | 'video/mp4') => ({
      fileId,
      name,
      size: 9,
      contentType,
      sha256: 'b'.repeat(64),
      blob: `incoming/${id}/${fileId}`,
    });
    const files = [file('f1', 'a.jpg', 'image/jpeg'), file('f2', 'clip.mp4', 'video/mp4')];
    await tb.seed({ submissionId: id, clientId: 'other', receivedAt: '2026-03-01T10:00:00.000Z', files });
    await put(`incoming/${id}/f1`, 'jpeg', 'image/jpeg');
    await put(assetBlobOf(id, 'f1', 'thumbnail-320'), 'thumb', 'image/webp');
    await put(assetBlobOf(id, 'f2', 'keyframe-0'), 'kf0', 'image/jpeg');
    await tb.blobs.uploadJson(resultBlobOf(id, 'f1'), { mediaType: 'photo' });
    await tb.blobs.uploadJson(resultBlobOf(id, 'f2'), { mediaType: 'video', keyframes: [{ timestampSeconds: 1.5 }] });
    await tb.store.updateSubmission(id, { status: 'processing' });
    const by = { id: 'editor:Night editor', name: 'Night editor' };
    const resolution = { by, at: '2026-03-01T10:02:00.000Z', outcome: 'analysed' as const, note: 'checked' };
    await tb.store.setFileState(id, { fileId: 'f1', state: 'escalated', escalated: true, updatedAt: '2026-03-01T10:01:00.000Z' });
    await tb.store.setFileState(id, {
      ...{ fileId: 'f1', state: 'completed', escalated: true, analysis: scriptedAnalysis('photo') },
      ...{ updatedAt: '2026-03-01T10:02:00.500Z', resolution },
    });
    const videoAnalysis = scriptedAnalysis('video') as VideoAnalysis;
    await tb.store.setFileState(id, { fileId: 'f2', state: 'completed', analysis: videoAnalysis, updatedAt: '2026-03-01T10:03:00.000Z' });
    await tb.deliveries.recordAttempt(id, {
      deliveryId: `${id}.1`,
      attempt: 1,
      at: '2026-03-01T10:04:00.000Z',
      outcome: 'retry',
      status: 500,
      latencyMs: 20,
    });
    await tb.deliveries.recordAttempt(id, {
      deliveryId: `${id}.1`,
      attempt: 2,
      at: '2026-03-01T10:05:00.000Z',
      outcome: 'delivered',
      status: 200,
      latencyMs: 40,
    });

    const res = await received<StaffDetail>(await get(id));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      submissionId: id,
      clientId: 'other',
      clientName: 'Other desk',
      status: 'processing',
      progress: { done: 2, total: 2 },
    });
    expect(res.body.deliveries).toEqual([
      expect.objectContaining({
        deliveryId: `${id}.1`,
        kind: 'result',
        status: 'delivered',
        attempts: 2,
        httpStatus: 200,
        latencyMs: 40,
        at: '2026-03-01T10:05:00.000Z',
      }),
    ]);
    const [photo, clip] = res.body.files as [StaffFile, StaffFile];
    expect(photo).toMatchObject({ fileId: 'f1', state: 'completed', escalated: true, resolution, analysis: { source: 'worker' } });
    expect(Object.keys(photo.assets).sort()).toEqual(['original', 'thumbnail1280', 'thumbnail320']);
    const thumb = await fetch(photo.assets.thumbnail320!);
    expect([thumb.status, thumb.headers.get('content-type'), await thumb.text()]).toEqual([200, 'image/webp', 'thumb']);
    expect(Object.keys(clip.assets).sort()).toEqual(['contactSheet', 'keyframes', 'original', 'poster']);
    expect(clip.assets.keyframes).toEqual([{ url: expect.any(String), time: 1.5 }]);
    expect(await (await fetch(clip.assets.keyframes![0]!.url)).text()).toBe('kf0');
    const queuedAt = (await tb.store.getSubmission(id))!.statusSince!.processing!;
    expect(photo.timeline).toEqual([
      { state: 'received', at: '2026-03-01T10:00:00.000Z', durationMs: 0 },
      { state: 'escalated', at: '2026-03-01T10:01:00.000Z', durationMs: 60_000 },
      { state: 'resolved', at: '2026-03-01T10:02:00.000Z', durationMs: 60_000 },
      { state: 'analysed', at: '2026-03-01T10:02:00.500Z', durationMs: 500 },
      { state: 'delivered', at: '2026-03-01T10:05:00.040Z', durationMs: 179_540 },
      { state: 'queued', at: queuedAt, durationMs: expect.any(Number) }, // recorded now, not in 2026-03: last by time
    ]);
    expect(clip.timeline.map((t) => t.state)).toEqual(['received', 'analysed', 'delivered', 'queued']);
    expect(clip.resolution).toBeUndefined();
  });

  it('answers 404 for an unknown or malformed id', async () => {
    await tb.seed();
    await expectProblem(await get('s9999'), 404, 'submission-not-found');
    await expectProblem(await get('bad id!'), 404, 'submission-not-found');
    await expectProblem(await get(''), 404, 'submission-not-found');
  });
});
