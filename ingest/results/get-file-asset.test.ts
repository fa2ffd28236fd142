import { Readable } from 'node:stream';
import { HttpResponse } from '@azure/functions';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, ingestTestbed, invocationContext, OTHER_KEY, type IngestTestbed } from '../../test/support/ingest-testbed.js';
import { KEYFRAMES, seedAnalysedSubmission } from '../../test/support/stored-results.js';
import { createGetFileAsset } from './get-file-asset.js';

let tb: IngestTestbed;
let seeded: Awaited<ReturnType<typeof seedAnalysedSubmission>>;
let id: string;
beforeEach(async () => {
  tb = await ingestTestbed();
  seeded = await seedAnalysedSubmission(tb);
  id = seeded.record.submissionId;
});
afterEach(() => tb.blobs.close());

const get = async (
  fileId: string,
  asset: string,
  { key, query = '', headers }: { key?: string | null; query?: string; headers?: Record<string, string> } = {},
) => {
  const path = `/api/submissions/${id}/files/${fileId}/${asset}${query}`;
  const init = await createGetFileAsset(tb.deps)(
    tb.request('GET', path, { key, headers, params: { id, fileId, asset } }),
    invocationContext(),
  );
  return { init, response: new HttpResponse(init) };
};

/** Follows the redirect as `curl -L` does: the SAS URL needs no key. */
async function follow(fileId: string, asset: string) {
  const { response } = await get(fileId, asset);
  expect(response.status).toBe(302);
  const location = response.headers.get('location')!;
  const blob = await fetch(location);
  expect(blob.status).toBe(200);
  return { response, location, blob, bytes: Buffer.from(await blob.arrayBuffer()) };
}

describe('GET /api/submissions/{id}/files/{fileId}/{asset}', () => {
  it('redirects to a short-lived read-only SAS URL of a photo’s thumbnails, analysis and original', async () => {
    for (const [asset, width] of [
      ['thumbnail-320', 320],
      ['thumbnail-1280', 1280],
    ] as const) {
      const { response, location, blob, bytes } = await follow('f1', asset);
      expect(response.headers.get('cache-control')).toBe('private, max-age=600');
      expect(blob.headers.get('content-type')).toBe('image/webp');
      expect(await sharp(bytes).metadata()).toMatchObject({ format: 'webp', width });
      const sas = new URL(location).searchParams;
      expect(sas.get('sp')).toBe('r');
      expect(Date.parse(sas.get('se')!) - Date.now()).toBeGreaterThan(14 * 60_000);
      expect(Date.parse(sas.get('se')!) - Date.now()).toBeLessThanOrEqual(15 * 60_000);
      // Read-only: the same URL cannot overwrite the blob.
      expect((await fetch(location, { method: 'PUT', body: 'x', headers: { 'x-ms-blob-type': 'BlockBlob' } })).status).toBe(403);
    }
    const analysis = await follow('f1', 'analysis');
    expect(analysis.blob.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(analysis.bytes.toString('utf8'))).toEqual(seeded.photoResult);
    const original = await follow('f1', 'original');
    // Stored without a type: the SAS names the type and the name it was sent with.
    expect(original.blob.headers.get('content-type')).toBe('image/jpeg');
    expect(original.blob.headers.get('content-disposition')).toBe("inline; filename*=UTF-8''police%20cars.jpg");
    expect(original.bytes.equals(seeded.photoBytes)).toBe(true);
    expect((await follow('f2', 'original')).blob.headers.get('content-type')).toBe('video/mp4');
    expect(await sharp(original.bytes).metadata()).toMatchObject({ format: 'jpeg' });
  });

  it('redirects to a video’s poster, contact sheet and every keyframe', async () => {
    for (const asset of ['poster', 'contact-sheet']) {
      const { blob, bytes } = await follow('f2', asset);
      expect(blob.headers.get('content-type')).toBe('image/webp');
      expect((await sharp(bytes).metadata()).format).toBe('webp');
    }
    for (let n = 0; n < KEYFRAMES; n++) {
      const { blob, bytes } = await follow('f2', `keyframe-${n}`);
      expect(blob.headers.get('content-type')).toBe('image/jpeg');
      expect(await sharp(bytes).metadata()).toMatchObject({ format: 'jpeg', width: 640, height: 360 });
    }
  });

  it('streams the bytes with ?inline=1, with content type, ETag and cache headers, and answers 304 to a matching If-None-Match', async () => {
    const { response } = await get('f1', 'thumbnail-320', { query: '?inline=1' });
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'image/webp',
      'cache-control': 'private, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    });
    const etag = response.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'webp', width: 320 });

    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await get('f1', 'thumbnail-320', { query: '?inline=1', headers: { 'if-none-match': ifNoneMatch } });
      expect(again.response.status).toBe(304);
      expect(again.response.headers.get('etag')).toBe(etag);
      expect(await again.response.text()).toBe('');
    }
    const changed = await get('f1', 'thumbnail-320', { query: '?inline=1', headers: { 'if-none-match': '"other"' } });
    expect(changed.response.status).toBe(200);
    // Another asset of the same file has another ETag.
    expect((await get('f1', 'thumbnail-1280', { query: '?inline=true' })).response.headers.get('etag')).not.toBe(etag);
  });

  it('streams the original under its name and analysis.json as stored, to be checked again each time', async () => {
    const original = (await get('f1', 'original', { query: '?inline=1' })).response;
    expect(Object.fromEntries(original.headers)).toMatchObject({
      'content-type': 'image/jpeg',
      etag: `"${'a'.repeat(64)}"`,
      'content-disposition': "inline; filename*=UTF-8''police%20cars.jpg",
    });
    expect(Buffer.from(await original.arrayBuffer()).equals(seeded.photoBytes)).toBe(true);

    const analysis = (await get('f2', 'analysis', { query: '?inline=1' })).response;
    expect(Object.fromEntries(analysis.headers)).toMatchObject({
      'content-type': 'application/json',
      'cache-control': 'private, no-cache',
    });
    expect(await analysis.json()).toEqual(seeded.videoResult);
    const etag = analysis.headers.get('etag')!;
    expect((await get('f2', 'analysis', { query: '?inline=1', headers: { 'if-none-match': etag } })).response.status).toBe(304);
  });

  it('serves the original while the analysis is still running, and nothing derived', async () => {
    const pending = await tb.seed();
    id = pending.submissionId;
    await tb.blobs.upload(pending.files[0]!.blob, Readable.from([Buffer.from('abc')]), { contentType: 'image/jpeg' });
    expect((await get('f1', 'original')).response.status).toBe(302);
    const { body } = await expectProblem((await get('f1', 'analysis')).init, 404, 'asset-not-found');
    expect(body).toMatchObject({
      detail: "'a.jpg' has no analysis: it has original. No worker analysis has been written for it (yet).",
      available: ['original'],
    });
  });

  describe('bad input', () => {
    it.each([
      ['a poster of a photo', 'f1', 'poster', "'police cars.jpg' has no poster: it has original, analysis, thumbnail-320, thumbnail-1280."],
      [
        'a thumbnail of a video',
        'f2',
        'thumbnail-320',
        "'cuts.mp4' has no thumbnail-320: it has original, analysis, poster, contact-sheet, keyframe-0 to keyframe-2.",
      ],
      [
        'a keyframe beyond the count',
        'f2',
        `keyframe-${KEYFRAMES}`,
        "'cuts.mp4' has no keyframe-3: it has original, analysis, poster, contact-sheet, keyframe-0 to keyframe-2.",
      ],
      [
        'a keyframe of a photo',
        'f1',
        'keyframe-0',
        "'police cars.jpg' has no keyframe-0: it has original, analysis, thumbnail-320, thumbnail-1280.",
      ],
    ])('answers 404 asset-not-found for %s, naming what exists', async (_what, fileId, asset, detail) => {
      const { body } = await expectProblem((await get(fileId, asset)).init, 404, 'asset-not-found');
      expect(body.detail).toBe(detail);
      expect(body.available).toContain('analysis');
      // The same with ?inline=1.
      await expectProblem((await get(fileId, asset, { query: '?inline=1' })).init, 404, 'asset-not-found');
    });

    it('answers 404 asset-not-found for an original a cancellation removed', async () => {
      await tb.blobs.delete(seeded.record.files[0]!.blob);
      const { body } = await expectProblem((await get('f1', 'original')).init, 404, 'asset-not-found');
      expect(body.available).toEqual(['analysis', 'thumbnail-320', 'thumbnail-1280']);
    });

    it.each(['thumbnail-640', 'keyframe-01', 'keyframe--1', 'Poster', 'analysis.json', 'summary', 'constructor'])(
      'answers 404 unknown-asset for the name %s',
      async (asset) => {
        const { body } = await expectProblem((await get('f1', asset)).init, 404, 'unknown-asset');
        expect(body.detail).toContain(
          'Assets are original, analysis, thumbnail-320, thumbnail-1280, poster, contact-sheet and keyframe-{n}',
        );
      },
    );

    it('answers 404 for another client’s, an unknown or a malformed submission, and an unknown file', async () => {
      await expectProblem((await get('f1', 'original', { key: OTHER_KEY })).init, 404, 'submission-not-found');
      await expectProblem((await get('f1', 'original', { key: OTHER_KEY, query: '?inline=1' })).init, 404, 'submission-not-found');
      const { body } = await expectProblem((await get('f9', 'original')).init, 404, 'file-not-found');
      expect(body.detail).toBe(`No file 'f9' in submission '${id}'; it has f1, f2.`);
      await expectProblem((await get('../f1', 'original')).init, 404, 'file-not-found');
      for (const unknown of ['s-does-not-exist', '..', 'a b']) {
        id = unknown;
        await expectProblem((await get('f1', 'original')).init, 404, 'submission-not-found');
      }
    });

    it('answers 400 for an inline value that is neither yes nor no, and 401 without a key', async () => {
      await expectProblem((await get('f1', 'original', { query: '?inline=yes' })).init, 400, 'invalid-inline');
      await expectProblem((await get('f1', 'original', { key: null })).init, 401, 'missing-api-key');
    });

    it('changes nothing', async () => {
      const before = await tb.stored();
      await get('f1', 'poster');
      await get('f9', 'original', { key: OTHER_KEY });
      expect(await tb.stored()).toEqual(before);
    });
  });
});
