import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { classifierStages } from './classifier-stages.js';
import { startBenchClassifier, throughput, type BenchClassifier } from './classifier-service.js';
import type { Figure } from './report.js';
import { percentile } from './percentile.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const FIXTURES = resolve(HERE, '../../test/fixtures');
const FEATURE_SETS = ['tags', 'objects', 'people', 'read', 'tags,objects,people,read'];
const RUNS = 6;
/** Images per throughput figure. */
const BURST = 12;
const ALL = 'tags,objects,people,read';
/** Everything but OCR: `tags` would run OCR too (its tags use the words read). */
const NO_OCR = 'objects,people';

/**
 * A 12 MP JPEG (4000×3000, a real photo upscaled) and a 1920×1080 news photo (the riot street scene: people, police
 * shields with text, signs), cropped to 16:9: more text than a film frame, so OCR is not flattered.
 */
async function inputs(): Promise<{ name: string; bytes: Buffer }[]> {
  const twelve = await sharp(readFileSync(resolve(FIXTURES, 'police-cars.jpg')))
    .resize(4000, 3000, { fit: 'fill' })
    .jpeg({ quality: 90 })
    .toBuffer();
  const photo = await sharp(readFileSync(resolve(FIXTURES, 'riot-police-bw.jpg')))
    .resize(1920, 1080, { fit: 'cover' })
    .jpeg({ quality: 90 })
    .toBuffer();
  return [
    { name: '12 MP JPEG', bytes: twelve },
    { name: '1080p photo', bytes: photo },
  ];
}

async function latency(service: BenchClassifier, features: string, bytes: Buffer): Promise<{ p50: number; p95: number }> {
  await service.analyze(features, bytes);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await service.analyze(features, bytes));
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** The figures that compare a pool with one thread: the same 1080p photo, with and without OCR. */
async function measure(service: BenchClassifier, bytes: Buffer, inFlight: number) {
  return {
    all: await latency(service, ALL, bytes),
    noOcr: await latency(service, NO_OCR, bytes),
    allBurst: await throughput(service, ALL, bytes, inFlight, BURST),
    noOcrBurst: await throughput(service, NO_OCR, bytes, inFlight, BURST),
    rssMiB: service.rssMiB(),
  };
}

/**
 * The classifier service as npm start runs it. The baseline, in the same run: the same service with one models' thread
 * and one request at a time (the settings before the pool). Then the pool (one thread per core): images/s for the
 * 1080p photo with enough requests in flight to fill it, one image's latency, memory, and where one image's time goes.
 */
export async function benchClassifier(): Promise<Figure[]> {
  const images = await inputs();
  const photo = images[1]!.bytes;
  const threads = availableParallelism();
  const inFlight = 2 * threads;

  const one = await startBenchClassifier({ NEWSDESK_CLASSIFIER_THREADS: '1', NEWSDESK_CLASSIFIER_SERVICE_CONCURRENCY: '1' });
  const base = await measure(one, photo, inFlight).finally(() => one.stop());

  const started = performance.now();
  const pool = await startBenchClassifier({});
  const figures: Figure[] = [];
  try {
    const startMs = performance.now() - started;
    const now = await measure(pool, photo, inFlight);
    const vs = (value: number, baseline: number) => ({
      '1 thread (same run)': +baseline.toFixed(2),
      ratio: +(value / baseline).toFixed(2),
    });
    const label = `pool of ${pool.threads} threads`;
    figures.push(
      {
        name: `1080p photos, all features, ${inFlight} in flight, ${label}`,
        value: now.allBurst.perSecond,
        unit: 'images/s',
        goal: { op: '>=', value: 5 },
        compare: vs(now.allBurst.perSecond, base.allBurst.perSecond),
      },
      {
        name: `1080p photos, features=${NO_OCR} (no OCR), ${inFlight} in flight, ${label}`,
        value: now.noOcrBurst.perSecond,
        unit: 'images/s',
        compare: vs(now.noOcrBurst.perSecond, base.noOcrBurst.perSecond),
      },
      // The service's CPU time is what other load on the machine changes least: the cores divided by it is what idle
      // cores allow; cores busy shows whether the pool used them.
      ...(
        [
          ['all features', now.allBurst, base.allBurst],
          [`features=${NO_OCR}`, now.noOcrBurst, base.noOcrBurst],
        ] as const
      ).map(([features, pooled, single]) => ({
        name: `1080p photos, ${features}, service CPU per image, ${label}`,
        value: pooled.cpuMsPerImage,
        unit: 'ms',
        compare: {
          ...vs(pooled.cpuMsPerImage, single.cpuMsPerImage),
          'cores busy': +pooled.cores.toFixed(2),
          'cores busy, 1 thread': +single.cores.toFixed(2),
        },
      })),
      {
        name: `1080p photo, all features, one at a time, ${label}`,
        value: now.all.p50,
        unit: 'ms p50',
        goal: { op: '<=', value: 300 },
        compare: { ...vs(now.all.p50, base.all.p50), 'p95 ms': Math.round(now.all.p95) },
      },
      {
        name: `1080p photo, features=${NO_OCR} (no OCR), one at a time, ${label}`,
        value: now.noOcr.p50,
        unit: 'ms p50',
        compare: { ...vs(now.noOcr.p50, base.noOcr.p50), 'p95 ms': Math.round(now.noOcr.p95) },
      },
      {
        name: `service RSS after the runs, ${label}`,
        value: now.rssMiB,
        unit: 'MiB',
        compare: {
          '1 thread (same run)': Math.round(base.rssMiB),
          'per thread': Math.round((now.rssMiB - base.rssMiB) / Math.max(1, pool.threads - 1)),
        },
      },
      {
        name: `model load (in process), ${label}`,
        value: pool.loadMs / 1000,
        unit: 's',
        compare: { '1 thread (same run) s': +(one.loadMs / 1000).toFixed(2) },
      },
      { name: 'process start to ready', value: startMs / 1000, unit: 's' },
    );
    for (const image of images) {
      for (const features of FEATURE_SETS) {
        const { p50, p95 } = await latency(pool, features, image.bytes);
        figures.push({
          name: `${image.name}, features=${features}, ${label}`,
          value: p50,
          unit: 'ms p50',
          compare: { 'p95 ms': Math.round(p95) },
        });
      }
    }
  } finally {
    await pool.stop();
  }
  return [...figures, ...(await classifierStages(photo, RUNS))];
}
