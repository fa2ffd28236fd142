import { spawn, execFile } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { resolveFfmpegTools } from '../workers/video/ffmpeg-tools.js';
import type { Figure } from './report.js';
import { percentile } from './percentile.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const MAIN = resolve(HERE, '../classifier/main.js');
const FIXTURES = resolve(HERE, '../../test/fixtures');
const KEY = 'bench-classifier-key';
const FEATURE_SETS = ['tags', 'objects', 'people', 'read', 'tags,objects,people,read'];
const RUNS = 8;

/** A 12 MP JPEG (4000×3000, a real photo upscaled) and a real 1920×1080 frame from the 1080p fixture. */
async function inputs(): Promise<{ name: string; bytes: Buffer }[]> {
  const twelve = await sharp(readFileSync(resolve(FIXTURES, 'police-cars.jpg')))
    .resize(4000, 3000, { fit: 'fill' })
    .jpeg({ quality: 90 })
    .toBuffer();
  const { ffmpegPath } = resolveFfmpegTools({});
  const { stdout } = await promisify(execFile)(
    ffmpegPath,
    [
      '-v',
      'error',
      '-ss',
      '2',
      '-i',
      resolve(FIXTURES, 'countdown-speech-1080p.avi'),
      '-frames:v',
      '1',
      '-f',
      'image2pipe',
      '-c:v',
      'mjpeg',
      '-q:v',
      '3',
      'pipe:1',
    ],
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
  );
  return [
    { name: '12 MP JPEG', bytes: twelve },
    { name: '1080p keyframe', bytes: stdout },
  ];
}

async function analyze(url: string, features: string, bytes: Buffer): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${url}/computervision/imageanalysis:analyze?api-version=2023-10-01&features=${features}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'ocp-apim-subscription-key': KEY },
    body: new Uint8Array(bytes),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`the classifier answered ${res.status} for features=${features}`);
  return performance.now() - started;
}

/** The classifier service as npm start runs it: model load time, latency per feature set, and images/s with 1 and 2 requests at once. */
export async function benchClassifier(): Promise<Figure[]> {
  const images = await inputs();
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, NEWSDESK_CLASSIFIER_PORT: '0', NEWSDESK_CLASSIFIER_KEY: KEY },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const ready = await new Promise<{ url: string; loadMs: number }>((res, rej) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /CLASSIFIER_READY (.*)/.exec(out);
        if (m?.[1]) res(JSON.parse(m[1]) as { url: string; loadMs: number });
      });
      child.once('exit', (code) => rej(new Error(`the classifier exited (${code}) before it was ready`)));
    });
    const figures: Figure[] = [
      { name: 'model load (in process)', value: ready.loadMs / 1000, unit: 's' },
      { name: 'process start to ready', value: (performance.now() - started) / 1000, unit: 's' },
    ];
    for (const image of images) {
      for (const features of FEATURE_SETS) {
        await analyze(ready.url, features, image.bytes); // warm-up
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) times.push(await analyze(ready.url, features, image.bytes));
        figures.push({
          name: `${image.name}, features=${features}`,
          value: percentile(times, 50),
          unit: 'ms p50',
          compare: { 'p95 ms': Math.round(percentile(times, 95)) },
        });
      }
    }
    const all = FEATURE_SETS[FEATURE_SETS.length - 1]!;
    const keyframe = images[1]!.bytes;
    for (const concurrent of [1, 2]) {
      const t0 = performance.now();
      let done = 0;
      await Promise.all(
        Array.from({ length: concurrent }, async () => {
          for (let i = 0; i < RUNS; i++) {
            await analyze(ready.url, all, keyframe);
            done++;
          }
        }),
      );
      figures.push({
        name: `1080p keyframes, all features, ${concurrent} request${concurrent > 1 ? 's' : ''} at once`,
        value: done / ((performance.now() - t0) / 1000),
        unit: 'images/s',
      });
    }
    return figures;
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
}
