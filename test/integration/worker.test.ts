import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisResult, type AnalysisResult } from '../../contracts/analysis-result.js';
import { workerAnalysis } from '../../contracts/file-analysis.js';
import { resultPrefix } from '../../contracts/ids.js';
import { pngClaiming, truncated } from '../support/bad-media.js';
import type { RaisedEvent } from '../support/callback-receiver.js';
import { fixture } from '../support/fixtures.js';
import { until } from '../support/until.js';
import { startWorkerTestbed, type WorkerTestbed } from '../support/worker-testbed.js';

let bed: WorkerTestbed;
let callbacks: WorkerTestbed['callbacks'];
let harness: WorkerTestbed['harness'];

beforeAll(async () => {
  bed = await startWorkerTestbed();
  ({ callbacks, harness } = bed);
}, 60_000);
afterAll(async () => {
  await bed?.stop();
});

const eventsFor = (instanceId: string): RaisedEvent[] => callbacks.events.filter((e) => e.instanceId === instanceId && e.answered === 202);
const raised = (instanceId: string, timeoutMs = 30_000) => until(() => eventsFor(instanceId)[0], timeoutMs, `an event for ${instanceId}`);
const results = async (submissionId: string, fileId: string) => (await harness.blobs.list(resultPrefix(submissionId, fileId))).sort();
const readResult = async (path: string) => analysisResult.parse(await harness.blobs.readJson(path));
const blobBytes = async (path: string) => Buffer.concat(await (await harness.blobs.read(path)).toArray());

describe('the worker analyses real media end to end', () => {
  it('a photo: result JSON, decodable thumbnails, classification, and AnalysisCompleted with a summary', async () => {
    const job = await harness.job(fixture('squirrel-exif-iptc.jpg'), 'image/jpeg', callbacks.urlFor);
    await harness.send(job);
    const event = await raised(job.jobId);
    expect(event.name).toBe('AnalysisCompleted');
    const path = `${resultPrefix(job.submissionId, job.fileId)}analysis.json`;
    expect(event.payload).toMatchObject({ fileId: job.fileId, resultBlob: path });
    // The file's analysis as the client will read it, in the contract's shape.
    expect(workerAnalysis.parse(event.payload.summary)).toMatchObject({
      source: 'worker',
      mediaType: 'photo',
      width: 1394,
      height: 930,
      byline: 'Patrik',
      description: 'Squirrel at berkely',
      gps: { lat: expect.closeTo(37.8711, 4), lon: expect.closeTo(-122.2568, 4), altitude: 90 },
      classified: true,
    });

    const result = (await readResult(path)) as Extract<AnalysisResult, { mediaType: 'photo' }>;
    expect(result.metadata).toMatchObject({ format: 'jpeg', width: 1394, height: 930 });
    expect(result.metadata.metadata).toMatchObject({ byline: 'Patrik', city: 'Berkeley' });
    expect(result.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
    expect(result.classification?.metadata).toEqual({ width: 1280, height: 854 });
    for (const t of result.thumbnails) {
      const meta = await sharp(await blobBytes(t.blob)).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', t.width, t.height]);
    }
    expect(await results(job.submissionId, job.fileId)).toEqual([path, ...result.thumbnails.map((t) => t.blob)].sort());
  });

  it('a video: keyframes in time order, poster, contact sheet, and labels over time ranges', async () => {
    const job = await harness.job(fixture('tears-of-steel-cuts.mp4'), 'video/mp4', callbacks.urlFor);
    await harness.send(job);
    const event = await raised(job.jobId, 60_000);
    expect(event.name).toBe('AnalysisCompleted');
    const result = (await readResult(String(event.payload.resultBlob))) as Extract<AnalysisResult, { mediaType: 'video' }>;
    expect(result.metadata).toMatchObject({ durationSeconds: expect.closeTo(10, 0) as number });
    const times = result.keyframes.map((k) => k.timestampSeconds);
    expect(times.length).toBeGreaterThanOrEqual(3);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...times)).toBeLessThanOrEqual(10);
    for (const image of [result.poster, result.contactSheet, ...result.keyframes]) {
      expect((await sharp(await blobBytes(image.blob)).metadata()).width).toBe(image.width);
    }
    expect(result.classification?.frames).toHaveLength(times.length);
    // The keyframes' hashes travel with the event for the duplicate index, as analysis.json has them.
    expect(event.payload.keyframeHashes).toEqual(result.keyframes.map((k) => k.perceptualHash));
    const label = result.classification?.labels[0];
    expect(label?.instances[0]).toMatchObject({ start: expect.stringMatching(/^0:00:0\d/) as string });
    expect(workerAnalysis.parse(event.payload.summary)).toMatchObject({
      mediaType: 'video',
      keyframeCount: times.length,
      perceptualHash: result.perceptualHash,
      labels: result.classification!.labels.map((l) => ({
        name: l.name,
        ranges: l.instances.map(({ startSeconds, endSeconds }) => ({ startSeconds, endSeconds })),
      })),
    });
  });

  it('the summary keeps what its threshold settings let through: a tag the classifier scored 0.40', async () => {
    // The double's recorded answer tags "design" at 0.404: under the default 0.6, kept when the setting says 0.4.
    const lenient = bed.pool({ NEWSDESK_SUMMARY_MIN_TAG_CONFIDENCE: '0.4', NEWSDESK_SUMMARY_MAX_TAGS: '30' });
    try {
      await lenient.runner.start(1);
      const strictJob = await harness.job(fixture('runners-race.jpg'), 'image/jpeg', callbacks.urlFor);
      const lenientJob = await lenient.job(fixture('runners-race.jpg'), 'image/jpeg', callbacks.urlFor);
      await Promise.all([harness.send(strictJob), lenient.send(lenientJob)]);
      const tagsOf = async (jobId: string) => workerAnalysis.parse((await raised(jobId)).payload.summary) as { tags: string[] };
      const [strict, kept] = await Promise.all([tagsOf(strictJob.jobId), tagsOf(lenientJob.jobId)]);
      expect(strict.tags).not.toContain('design');
      expect(strict.tags).toHaveLength(10);
      expect(kept.tags).toContain('design');
      expect(kept.tags.length).toBeGreaterThan(10);
    } finally {
      await lenient.stop();
    }
  });

  it('a redelivered job writes the same blob names and raises the same event', async () => {
    const job = await harness.job(fixture('cat-chelsea.png'), 'image/png', callbacks.urlFor);
    await harness.send(job);
    const first = await raised(job.jobId);
    const namesAfterFirst = await results(job.submissionId, job.fileId);
    await harness.send(job);
    const second = await until(() => eventsFor(job.jobId)[1], 30_000, 'the second event');
    expect(second.payload).toEqual(first.payload);
    expect(await results(job.submissionId, job.fileId)).toEqual(namesAfterFirst);
  });
});

describe('bad media ends in AnalysisFailed with a clear reason, leaves nothing behind, and the worker keeps serving', () => {
  const cases: [string, () => Promise<Buffer> | Buffer, 'image/jpeg' | 'image/png' | 'video/mp4', RegExp][] = [
    ['a truncated JPEG', () => truncated(fixture('police-cars.jpg'), 0.4), 'image/jpeg', /^corrupt: jpeg image is damaged or truncated/],
    ['a truncated MP4', () => truncated(fixture('highway-dashcam-720p.mp4'), 0.3), 'video/mp4', /^corrupt: /],
    ['a 60,000 × 60,000 PNG bomb', () => pngClaiming(60_000, 60_000), 'image/png', /^pixel-limit: image is 60000×60000 = 3\.6 gigapixels/],
    [
      'a text file sent as an MP4',
      () => Buffer.from('these are not the frames you are looking for\n'.repeat(40)),
      'video/mp4',
      /^(unsupported-format|corrupt): /,
    ],
    ['a zero-length video', () => Buffer.alloc(0), 'video/mp4', /^empty: /],
  ];
  for (const [name, bytes, type, reason] of cases) {
    it(name, async () => {
      const job = await harness.job(await bytes(), type, callbacks.urlFor);
      await harness.send(job);
      const event = await raised(job.jobId);
      expect(event.name).toBe('AnalysisFailed');
      expect(String(event.payload.reason)).toMatch(reason);
      expect(await results(job.submissionId, job.fileId)).toEqual([]);
    });
  }

  it('after all of them a good photo still completes, and nothing failed was retried', async () => {
    const job = await harness.job(fixture('dog-bicycle-truck.jpg'), 'image/jpeg', callbacks.urlFor);
    await harness.send(job);
    expect((await raised(job.jobId)).name).toBe('AnalysisCompleted');
    const failed = callbacks.events.filter((e) => e.name === 'AnalysisFailed');
    expect(new Set(failed.map((e) => e.instanceId)).size).toBe(failed.length);
    // The worker settles the message just after it raises the event: the queue empties a moment later.
    await expect.poll(() => harness.queue.depth()).toBe(0);
  });

  it('a message that is not an analysis job is dead-lettered with the reason', async () => {
    await harness.queue.send({ jobId: 'x', submissionId: 'y' }, { messageId: 'not-a-job' });
    const parked = await until(async () => {
      const { receivedMessageItems } = await harness.queue.poison.receiveMessages({ numberOfMessages: 32 });
      return receivedMessageItems
        .map((m) => JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')) as { messageId: string; reason: string })
        .find((m) => m.messageId === 'not-a-job');
    });
    expect(parked.reason).toMatch(/^invalid analysis job: /);
  });
});
