import { loadavg } from 'node:os';
import sharp from 'sharp';
import { launchStack, type LaunchedStack } from '../infra/stack/launch-stack.js';
import { startReceiver } from '../test/support/webhook-receiver.js';
import { burstPlan, makeBurstPhotos, type BurstPhoto } from './burst-photos.js';
import { classifierCalls, photoStages, type PhotoStages } from './burst-stages.js';
import { percentile } from './percentile.js';
import type { Figure } from './report.js';

const SUBMISSIONS = 100;
const PHOTOS = 211;
const CONCURRENCY = 10;
const SEED = 15;
const SECRET = 'burst-webhook-secret-0123456789';
/** Long enough for today's 0.55 photos/s (about 6½ minutes) on a busy machine, bounded so a stuck run still reports. */
const DRAIN_MS = 20 * 60_000;
const SINGLE_RUNS = 3;
/** Thumbnails the classifier alone is timed on, and how many it is sent at once (what the workers may send). */
const PEER_IMAGES = 16;
const PEER_CONCURRENCY = 4;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/**
 * `npm run bench -- burst`: the stack as `npm start` runs it (its default workers and classifier), one photo alone
 * (its stages from the trace), then 100 submissions with 211 photos sent 10 at a time: photos per second from the
 * first 202 to the last webhook, time to webhook, deliveries per submission. Beside it, in the same run, the
 * classifier service alone on the same photos' 1280 px thumbnails: the ceiling the pipeline runs against.
 */
export async function benchBurst(): Promise<Figure[]> {
  const counts = burstPlan(SUBMISSIONS, PHOTOS, SEED);
  const photos = await makeBurstPhotos(PHOTOS, SEED);
  // Every 2xx summary per submission, whatever its delivery id: exactly once means a count of 1.
  const delivered = new Map<string, { at: number; count: number; status?: string }>();
  const hook = await startReceiver(SECRET, (r) => {
    const id = r.body.submissionId;
    if (r.validSignature && id && r.body.files) {
      const seen = delivered.get(id) ?? { at: Date.now(), count: 0, status: r.body.status };
      seen.count++;
      delivered.set(id, seen);
    }
    return 200;
  });
  console.log(`burst: load average before ${load()}`);
  const stack = await launchStack({ NEWSDESK_DEV_WEBHOOK_SECRET: SECRET });
  try {
    // One photo alone, three times on the warm stack (the first submission loads the classifier's models).
    await submitAndWait(stack, `${hook.url}/warm-up`, [photos[0]!], delivered);
    const singles: PhotoStages[] = [];
    for (let i = 0; i < SINGLE_RUNS; i++) {
      const id = await submitAndWait(stack, `${hook.url}/single${i}`, [photos[2]!], delivered);
      singles.push(await stagesOf(stack, id));
    }
    console.log(`burst: single photo stages (ms) ${JSON.stringify(singles.map((s) => roundAll(s)))}`);
    // On the idle stack, before the burst: the classifier's own pace is the ceiling the burst runs against.
    const peer = await classifierAlone(stack, photos.slice(0, PEER_IMAGES));
    console.log(`burst: the classifier service alone: ${peer.toFixed(2)} images/s; load ${load()}`);

    const batches = slice(photos, counts);
    const accepted: { id: string; at: number; photos: number }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < batches.length) {
          const i = next++;
          const id = await submit(stack, `${hook.url}/s${i}`, batches[i]!);
          accepted.push({ id, at: Date.now(), photos: batches[i]!.length });
        }
      }),
    );
    const first = Math.min(...accepted.map((a) => a.at));
    console.log(`burst: ${accepted.length} accepted in ${((Date.now() - first) / 1000).toFixed(1)} s; load ${load()}`);
    const deadline = Date.now() + DRAIN_MS;
    while (Date.now() < deadline && accepted.some((a) => !delivered.has(a.id))) await sleep(500);
    // Late duplicates would come within a delivery retry: listen a little longer before counting.
    await sleep(3_000);
    const done = accepted.filter((a) => delivered.has(a.id));
    const last = Math.max(...done.map((a) => delivered.get(a.id)!.at));
    const photosDone = done.reduce((n, a) => n + a.photos, 0);
    const times = done.map((a) => delivered.get(a.id)!.at - a.at);
    const once = done.filter((a) => delivered.get(a.id)!.count === 1).length;
    const incomplete = done.filter((a) => delivered.get(a.id)!.status !== 'completed').length;
    const burstLoad = load();
    const calls = classifierCalls(stack.dataDir);
    const rate = photosDone / ((last - first) / 1000);
    const median = (k: keyof PhotoStages) =>
      percentile(
        singles.map((s) => s[k]).sort((a, b) => a - b),
        50,
      );
    const notes = `${photosDone}/${PHOTOS} photos in ${done.length}/${SUBMISSIONS} submissions delivered in ${((last - first) / 1000).toFixed(0)} s; load average after the burst ${burstLoad}`;
    return [
      {
        name: 'Burst: photos/s from the first 202 to the last webhook',
        value: rate,
        unit: 'photos/s',
        goal: { op: '>=', value: 2 },
        compare: { 'classifier service alone, images/s': round(peer), 'pipeline / classifier alone': round(rate / peer) },
        notes,
      },
      {
        name: 'Burst: time to webhook p50',
        value: percentile(times, 50) / 1000,
        unit: 's',
        compare: { 'p95 s': round(percentile(times, 95) / 1000), 'one photo alone, s': round(median('total') / 1000) },
      },
      { name: 'Burst: time to webhook p95', value: percentile(times, 95) / 1000, unit: 's' },
      { name: 'Burst: submissions delivered exactly once', value: once, unit: 'submissions', goal: { op: '>=', value: SUBMISSIONS } },
      {
        name: 'Burst: submissions delivered twice or more, or not completed',
        value: done.length - once + incomplete,
        unit: 'submissions',
        goal: { op: '<=', value: 0 },
      },
      {
        name: 'Burst: photos delivered without classification (classifier unavailable)',
        value: calls.unclassified,
        unit: 'photos',
        goal: { op: '<=', value: 0 },
        compare: { 'classifier calls answered': calls.answered, 'calls throttled (429)': calls.throttled },
      },
      ...(['ingest', 'orchestration', 'queueWait', 'worker', 'classifier', 'total'] as const).map((k) => ({
        name: `One photo alone: ${k} (median of ${SINGLE_RUNS})`,
        value: median(k),
        unit: 'ms',
        compare: { min: Math.round(Math.min(...singles.map((s) => s[k]))), max: Math.round(Math.max(...singles.map((s) => s[k]))) },
      })),
    ];
  } finally {
    await stack.stop();
    await hook.close();
  }
}

function slice(photos: BurstPhoto[], counts: number[]): BurstPhoto[][] {
  let at = 0;
  return counts.map((n) => photos.slice(at, (at += n)));
}

/** A client's POST, sent again after Retry-After (or a second) when throttled or the host is busy. */
async function submit(stack: LaunchedStack, webhookUrl: string, photos: BurstPhoto[]): Promise<string> {
  for (;;) {
    const form = new FormData();
    form.append('webhookUrl', webhookUrl);
    for (const p of photos) form.append('file', new Blob([new Uint8Array(p.bytes)], { type: 'image/jpeg' }), p.name);
    const res = await fetch(`${stack.url}/api/submissions`, { method: 'POST', headers: { 'x-api-key': stack.apiKey }, body: form });
    if (res.status === 202) return ((await res.json()) as { submissionId: string }).submissionId;
    const text = await res.text();
    if (res.status !== 429 && res.status < 500) throw new Error(`submission refused: ${res.status} ${text}`);
    await sleep(Math.max(1_000, Number(res.headers.get('retry-after') ?? 0) * 1000));
  }
}

async function submitAndWait(
  stack: LaunchedStack,
  webhookUrl: string,
  photos: BurstPhoto[],
  delivered: Map<string, unknown>,
): Promise<string> {
  const id = await submit(stack, webhookUrl, photos);
  const deadline = Date.now() + 120_000;
  while (!delivered.has(id)) {
    if (Date.now() > deadline) throw new Error(`burst: no webhook for ${id} in 2 minutes`);
    await sleep(50);
  }
  return id;
}

/** The trace is written in batches: wait until its last span is in the file. */
async function stagesOf(stack: LaunchedStack, id: string): Promise<PhotoStages> {
  for (let i = 0; i < 100; i++) {
    const stages = photoStages(stack.dataDir, id);
    if (stages) return stages;
    await sleep(100);
  }
  throw new Error(`burst: the trace of ${id} is not complete in ${stack.dataDir}/traces.jsonl`);
}

/** The stack's own classifier service, sent the photos' 1280 px WebP thumbnails (as the worker makes them) directly. */
async function classifierAlone(stack: LaunchedStack, photos: BurstPhoto[]): Promise<number> {
  const m = /POST (http:\/\/\S+\/computervision\/imageanalysis:analyze\?\S+)\s+\(Ocp-Apim-Subscription-Key: (\S+)\)/.exec(stack.output());
  if (!m) throw new Error('burst: the stack printed no classifier endpoint');
  const [, url, key] = m as unknown as [string, string, string];
  const thumbnails = await Promise.all(
    photos.map((p) =>
      sharp(p.bytes).rotate().resize(1280, 1280, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 80, effort: 0 }).toBuffer(),
    ),
  );
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: PEER_CONCURRENCY }, async () => {
      while (next < thumbnails.length) {
        const body = new Uint8Array(thumbnails[next++]!);
        for (;;) {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'Ocp-Apim-Subscription-Key': key, 'content-type': 'application/octet-stream' },
            body,
          });
          await res.arrayBuffer();
          if (res.ok) break;
          if (res.status !== 429 && res.status !== 503) throw new Error(`burst: the classifier answered ${res.status}`);
          await sleep(200);
        }
      }
    }),
  );
  return thumbnails.length / ((performance.now() - started) / 1000);
}

const round = (n: number) => Math.round(n * 100) / 100;
const roundAll = (s: PhotoStages) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Math.round(v)]));
