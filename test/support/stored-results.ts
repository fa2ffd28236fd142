import { Readable } from 'node:stream';
import sharp from 'sharp';
import { assetBlobOf, derivedFileOf, keyframeAsset, thumbnailAsset, THUMBNAIL_SLOTS, type ImageAsset } from '../../contracts/assets.js';
import { resultBlobOf } from '../../contracts/ids.js';
import type { SubmittedFile } from '../../contracts/submission.js';
import { fixture } from './fixtures.js';
import type { IngestTestbed } from './ingest-testbed.js';
import { scriptedAnalysis } from './scripted-analysis.js';

const HASH = 'b'.repeat(64);

/** A photo and a video of one submission, as intake records them. */
export const PHOTO: Omit<SubmittedFile, 'blob'> = {
  fileId: 'f1',
  name: 'police cars.jpg',
  size: 0,
  contentType: 'image/jpeg',
  sha256: 'a'.repeat(64),
};
export const VIDEO: Omit<SubmittedFile, 'blob'> = { fileId: 'f2', name: 'cuts.mp4', size: 0, contentType: 'video/mp4', sha256: HASH };
export const KEYFRAMES = 3;

// Made once per test file: every test seeds the same pictures.
const images = new Map<string, Promise<Buffer>>();
const image = (width: number, height: number, format: 'webp' | 'jpeg') => {
  const key = `${width}x${height}.${format}`;
  if (!images.has(key)) {
    const blank = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } });
    images.set(key, (format === 'webp' ? blank.webp() : blank.jpeg()).toBuffer());
  }
  return images.get(key)!;
};

/**
 * A submission with both files stored and analysed as a worker leaves them: the originals, every derived file under the
 * names contracts/assets.ts gives, analysis.json, and each file's completed state with its analysis.
 */
export async function seedAnalysedSubmission(tb: IngestTestbed) {
  const photoBytes = fixture('police-cars.jpg');
  const videoBytes = fixture('tears-of-steel-cuts.mp4');
  const submissionId = tb.deps.newId('s');
  const files = [
    { ...PHOTO, size: photoBytes.length, blob: `incoming/${submissionId}/f1` },
    { ...VIDEO, size: videoBytes.length, blob: `incoming/${submissionId}/f2` },
  ];
  const record = await tb.seed({ submissionId, status: 'processing', files });

  const put = async (asset: ImageAsset | 'original', fileId: string, bytes: Buffer, contentType?: string) =>
    tb.blobs.upload(assetBlobOf(submissionId, fileId, asset), Readable.from([bytes]), { contentType });
  // Ingest stores an original as it streams in, before its type is known.
  await put('original', 'f1', photoBytes);
  await put('original', 'f2', videoBytes);
  for (const slot of THUMBNAIL_SLOTS)
    await put(thumbnailAsset(slot), 'f1', await image(slot, Math.round((slot * 2) / 3), 'webp'), 'image/webp');
  await put('poster', 'f2', await image(640, 360, 'webp'), 'image/webp');
  await put('contact-sheet', 'f2', await image(960, 180, 'webp'), 'image/webp');
  for (let n = 0; n < KEYFRAMES; n++) await put(keyframeAsset(n), 'f2', await image(640, 360, 'jpeg'), 'image/jpeg');

  const photoResult = {
    schemaVersion: 1,
    mediaType: 'photo',
    submissionId,
    fileId: 'f1',
    thumbnails: THUMBNAIL_SLOTS.map((slot) => ({ blob: `results/${submissionId}/f1/${derivedFileOf(thumbnailAsset(slot)).name}`, slot })),
    classification: {
      modelVersion: 'test',
      metadata: { width: 1280, height: 853 },
      objectsResult: { values: [{ boundingBox: { x: 10, y: 20, w: 300, h: 200 }, tags: [{ name: 'car', confidence: 0.9 }] }] },
    },
  };
  const videoResult = {
    schemaVersion: 1,
    mediaType: 'video',
    submissionId,
    fileId: 'f2',
    keyframes: Array.from({ length: KEYFRAMES }, (_, n) => ({
      blob: assetBlobOf(submissionId, 'f2', keyframeAsset(n)),
      timestampSeconds: n * 3.5,
    })),
    classification: { ocr: [{ id: 1, text: 'TEARS OF STEEL', confidence: 0.8, instances: [{ startSeconds: 0, endSeconds: 3.5 }] }] },
  };
  await tb.blobs.uploadJson(resultBlobOf(submissionId, 'f1'), photoResult);
  await tb.blobs.uploadJson(resultBlobOf(submissionId, 'f2'), videoResult);
  const photo = { ...scriptedAnalysis('photo') };
  const video = { ...scriptedAnalysis('video'), keyframeCount: KEYFRAMES };
  const at = '2026-03-01T10:05:00.000Z';
  await tb.store.setFileState(submissionId, { fileId: 'f1', state: 'completed', analysis: photo, updatedAt: at });
  await tb.store.setFileState(submissionId, { fileId: 'f2', state: 'completed', analysis: video, updatedAt: at });
  return { record, photoResult, videoResult, photo, video, photoBytes, videoBytes };
}
