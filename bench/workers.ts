import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { makeTestClip } from '../test/support/make-test-clip.js';
import { resolveFfmpegTools } from '../workers/video/ffmpeg-tools.js';
import type { Figure } from './report.js';

const run = promisify(execFile);
const HERE = fileURLToPath(new URL('.', import.meta.url));
const CHILD = resolve(HERE, 'workers-child.js');
const FIXTURES = resolve(HERE, '../../test/fixtures');
/** Every photo fixture sharp can decode (the HEIC is HEVC-coded, which the prebuilt libvips cannot read). */
const PHOTOS = [
  'astronaut-eileen-collins.png',
  'cat-chelsea.png',
  'dog-bicycle-truck.jpg',
  'highway-signs-fog.jpg',
  'police-cars.jpg',
  'riot-police-bw.jpg',
  'runners-race.jpg',
  'squirrel-exif-iptc.jpg',
].map((f) => join(FIXTURES, f));
const PHOTO_SECONDS = 8;

/** `workers` processes at once, each running `mode` for `seconds`; units per second of wall time over all of them. */
async function throughput(mode: string, workers: number, seconds: number, inputs: string[]): Promise<number> {
  const started = performance.now();
  const outputs = await Promise.all(
    Array.from({ length: workers }, () => run(process.execPath, [CHILD, mode, String(seconds), ...inputs])),
  );
  const wall = (performance.now() - started) / 1000;
  const units = outputs.reduce((sum, o) => sum + (JSON.parse(o.stdout) as { units: number }).units, 0);
  return units / wall;
}

/**
 * The workers' media stages on this machine's 2 cores: the photo stage against sharp alone on the
 * same files (a ratio measured in the same run), and 1080p H.264 analysed against real time.
 */
export async function benchWorkers(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const workers of [1, 2]) {
    await throughput('sharp-baseline', workers, 2, PHOTOS); // warm-up: page cache, libvips
    const baseline = await throughput('sharp-baseline', workers, PHOTO_SECONDS, PHOTOS);
    const stage = await throughput('photo-stage', workers, PHOTO_SECONDS, PHOTOS);
    // The floor: sharp alone decoding once and encoding the stage's two WebP thumbnails (no metadata, hash or colours).
    const thumbnails = await throughput('sharp-thumbnails', workers, PHOTO_SECONDS, PHOTOS);
    figures.push({
      name: `photo stage / sharp decode+resize, ${workers} worker${workers > 1 ? 's' : ''}`,
      value: stage / baseline,
      unit: 'ratio',
      goal: { op: '>=', value: 0.8 },
      compare: {
        'photo stage photos/s': round(stage),
        'sharp alone photos/s': round(baseline),
        'sharp decode + the two WebP thumbnails alone / sharp decode+resize': round(thumbnails / baseline),
      },
      notes: `${PHOTOS.length} fixture photos (0.2–17 MP) in rotation; the stage is metadata, dominant colours, perceptual hash and two WebP thumbnails, no classifier`,
    });
  }

  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-video-'));
  try {
    const clip = join(dir, 'clip-1080p.mp4');
    const clipSeconds = 60;
    console.log('bench: encoding a 60 s 1080p24 H.264 clip (2 s keyframe interval, 6 scenes)…');
    await makeTestClip(clip, {
      ffmpegPath: resolveFfmpegTools({}).ffmpegPath,
      durationSeconds: clipSeconds,
      width: 1920,
      height: 1080,
      gopFrames: 48,
      scenes: 6,
    });
    if (!existsSync(clip)) throw new Error('the benchmark clip was not written');
    for (const workers of [1, 2]) {
      const speed = await throughput('video', workers, 10, [clip, String(clipSeconds)]);
      figures.push({
        name: `1080p H.264 analysed, ${workers} worker${workers > 1 ? 's' : ''}`,
        value: speed,
        unit: '× real time',
        goal: { op: '>=', value: 20 },
        notes: 'ffprobe + keyframes at scene changes (keyframe-only decoding) + poster + contact sheet, CPU decode, no classifier',
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

const round = (n: number) => Math.round(n * 100) / 100;
