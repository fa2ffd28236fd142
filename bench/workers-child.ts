import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { analyzePhotoFile } from '../workers/job/analyze-photo-file.js';
import { analyzeVideo } from '../workers/video/analyze-video.js';
import { resolveFfmpegTools } from '../workers/video/ffmpeg-tools.js';

/**
 * One benchmark worker process: runs one stage over and over for a fixed time and prints what it
 * got through. `photo-stage` is the worker's photo stage without the classifier; `sharp-baseline`
 * is sharp alone decoding and resizing the same files; `sharp-thumbnails` is sharp alone making the stage's two WebP
 * thumbnails from one decode (its floor); `video` analyses a clip end to end.
 */
async function main(): Promise<void> {
  const [mode, seconds, ...inputs] = process.argv.slice(2);
  const until = performance.now() + Number(seconds) * 1000;
  const started = performance.now();
  let units = 0;
  let items = 0;
  if (mode === 'video') {
    const tools = resolveFfmpegTools({});
    const [clip, clipSeconds] = inputs as [string, string];
    while (performance.now() < until) {
      await analyzeVideo(clip, {
        tools,
        hwaccel: 'none',
        maxKeyframes: 12,
        sceneThreshold: 0.3,
        maxDurationSeconds: 14_400,
        maxPixels: 100_000_000,
      });
      units += Number(clipSeconds);
      items++;
    }
  } else {
    // One photo at a time per worker process unless BENCH_CONCURRENCY says otherwise (the worker setting is NEWSDESK_WORKER_CONCURRENCY).
    const photos = inputs.map((p) => readFileSync(p));
    const lanes = Number(process.env.BENCH_CONCURRENCY ?? 1);
    let next = 0;
    const one = (photo: Buffer) =>
      mode === 'photo-stage'
        ? analyzePhotoFile(photo, { maxPixels: 100_000_000, classifier: undefined, features: [], prefix: 'results/bench/' })
        : mode === 'sharp-thumbnails'
          ? sharpThumbnails(photo)
          : sharp(photo).rotate().resize(1280, 1280, { fit: 'inside', withoutEnlargement: true }).raw().toBuffer();
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (performance.now() < until) {
          await one(photos[next++ % photos.length]!);
          units++;
        }
      }),
    );
    items = units;
  }
  console.log(JSON.stringify({ units, items, seconds: (performance.now() - started) / 1000 }));
}

/** The stage's outputs that cost most, and nothing else: one decode to 1280 px, both WebP thumbnails as the worker encodes them. */
async function sharpThumbnails(photo: Buffer): Promise<void> {
  const { data, info } = await sharp(photo)
    .rotate()
    .resize(1280, 1280, { fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
  const small = sharp(data, raw).resize(320, 320, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 80, effort: 0 }).toBuffer();
  await Promise.all([sharp(data, raw).webp({ quality: 80, effort: 0 }).toBuffer(), small]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
