import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifierContract } from '../../adapters/classifier/classifier.contract.js';
import { ImageAnalysisClassifier } from '../../adapters/classifier/image-analysis-classifier.js';
import { azureErrorBody, imageAnalysisResult, type ImageAnalysisFeature } from '../../contracts/classification.js';
import { pngClaiming, truncated } from '../support/bad-media.js';
import { startClassifierService, type ClassifierServiceProcess } from '../support/classifier-service.js';
import { fixture } from '../support/fixtures.js';
import { ROOT } from '../support/root.js';

// The classifier service as `npm start` runs it: the built entry point (dist/classifier/main.js) as a child process,
// with the real offline models, one model run at a time and one more waiting.

const image = (name: string) => ({ name, bytes: fixture(name) });
const cat = image('cat-chelsea.png');
const runners = image('runners-race.jpg');
const policeCars = image('police-cars.jpg');
const dogBicycleTruck = image('dog-bicycle-truck.jpg');

/** What this service serves: Azure's features but the captions (it has no captioning model, and says so with a 400). */
const SERVED: readonly ImageAnalysisFeature[] = ['tags', 'objects', 'people', 'read', 'smartCrops'];

let service: ClassifierServiceProcess;
beforeAll(async () => {
  service = await startClassifierService({ NEWSDESK_CLASSIFIER_SERVICE_CONCURRENCY: '1', NEWSDESK_CLASSIFIER_SERVICE_QUEUE: '1' });
});
afterAll(async () => {
  // The entry point stops cleanly on SIGTERM.
  if (service) expect(await service.stop()).toBe(0);
});

const make = (key = service.key) =>
  new ImageAnalysisClassifier({
    endpoint: service.endpoint,
    key,
    concurrency: 1,
    // Real models on a small machine: seconds per image. 429s are waited out as Retry-After says.
    retry: { attempts: 6, baseDelayMs: 200, maxDelayMs: 5000, budgetMs: 90_000 },
    breaker: { failureThreshold: 100, coolDownMs: 1000 },
    timeoutMs: 60_000,
  });

const analyzeUrl = (query = 'features=tags') => `${service.endpoint}/computervision/imageanalysis:analyze?api-version=2023-10-01&${query}`;
const post = (body: Uint8Array | string, options: { query?: string; headers?: Record<string, string> } = {}) =>
  fetch(analyzeUrl(options.query), {
    method: 'POST',
    headers: { 'Ocp-Apim-Subscription-Key': service.key, 'Content-Type': 'application/octet-stream', ...options.headers },
    body,
  });
const postUrl = (url: string) => post(JSON.stringify({ url }), { headers: { 'Content-Type': 'application/json' } });
/** Status, specific code (innererror first) and message of an answer in Azure's error shape. */
async function azureError(response: Response) {
  const body = azureErrorBody.parse(await response.json());
  const inner = body.error.innererror as { code?: string } | undefined;
  return { status: response.status, code: inner?.code ?? body.error.code, message: body.error.message };
}
const stillServes = async () => {
  const response = await post(cat.bytes, { query: 'features=objects' });
  expect(response.status).toBe(200);
  expect(service.child.exitCode).toBeNull();
};

// The same suite runs against Azure's recorded answers in classifier-adapter.test.ts.
classifierContract(
  'ImageAnalysisClassifier against the Newsdesk classifier service (real models)',
  () => ({ classifier: make(), wrongKey: make('not-the-key-of-this-service') }),
  [cat, runners],
  { features: SERVED },
);

describe('classifier service: what the real models find', () => {
  it('runners: people, in the tags, inside the picture, and the race as sport', async () => {
    const result = await make().analyze(runners.bytes, { features: ['tags', 'people', 'objects', 'read'] });
    const sure = result.peopleResult!.values.filter((p) => p.confidence >= 0.5);
    expect(sure.length).toBeGreaterThanOrEqual(3);
    expect(result.tagsResult!.values.map((t) => t.name)).toEqual(expect.arrayContaining(['person', 'people']));
    expect(result.newsdesk?.contentSafety).toMatchObject({ verdict: 'safe' });
    // Bib 365 read on a runner in a crowd (sport.bib-in-crowd).
    expect(result.newsdesk?.topics).toEqual([
      expect.objectContaining({
        code: 'medtop:15000000',
        label: 'sport',
        evidence: expect.arrayContaining([expect.stringMatching(/^numbers on people: .*365/)]),
      }),
    ]);
  });

  it('police cars: the word POLICE and cars → crime, law and justice, with the evidence', async () => {
    const result = await make().analyze(policeCars.bytes, { features: ['tags', 'objects', 'read'] });
    expect(result.metadata).toEqual({ width: 2428, height: 1459 });
    const words = result.readResult!.blocks.flatMap((b) => b.lines.flatMap((l) => l.words.map((w) => w.text.toUpperCase())));
    expect(words).toContain('POLICE');
    expect(result.objectsResult!.values.map((o) => o.tags[0]!.name)).toContain('car');
    const crime = result.newsdesk?.topics?.find((t) => t.code === 'medtop:02000000');
    expect(crime).toMatchObject({
      label: 'crime, law and justice',
      evidence: expect.arrayContaining([expect.stringMatching(/^text POLICE/)]),
    });
  });

  it('dog, bicycle and pickup truck: the objects, each one tag, boxes inside the picture', async () => {
    const result = await make().analyze(dogBicycleTruck.bytes, { features: ['objects'] });
    const names = result.objectsResult!.values.map((o) => o.tags[0]!.name);
    expect(names).toEqual(expect.arrayContaining(['dog', 'bicycle']));
    // The pickup truck: COCO's detector calls it a car or a truck.
    expect(names.some((n) => n === 'car' || n === 'truck')).toBe(true);
    for (const { boundingBox: b } of result.objectsResult!.values) expect(b.x + b.w).toBeLessThanOrEqual(768);
  });

  it('a cat: no people, and no topic guessed', async () => {
    const result = await make().analyze(cat.bytes, { features: ['people', 'objects'] });
    expect(result.peopleResult!.values.filter((p) => p.confidence >= 0.5)).toEqual([]);
    expect(result.newsdesk?.topics).toEqual([]);
  });

  it('refuses captions, saying so, rather than making one up', async () => {
    expect(await azureError(await post(cat.bytes, { query: 'features=tags,caption' }))).toMatchObject({
      status: 400,
      code: 'NotSupportedFeature',
      message: expect.stringContaining('it has no captioning model'),
    });
  });
});

describe('classifier service: bad input is a 4xx in Azure shape, and the service keeps serving', () => {
  const cases: [string, () => Promise<Response>, number, string][] = [
    ['not an image', () => post(Buffer.from('%PDF-1.7 this is not a picture')), 400, 'InvalidImageFormat'],
    ['a truncated JPEG', () => post(truncated(runners.bytes, 0.5)), 400, 'InvalidImageFormat'],
    ['0 bytes', () => post(Buffer.alloc(0)), 400, 'InvalidRequest'],
    ['an unknown feature', () => post(cat.bytes, { query: 'features=tags,faces' }), 400, 'NotSupportedVisualFeature'],
    ['no key', () => post(cat.bytes, { headers: { 'Ocp-Apim-Subscription-Key': '' } }), 401, '401'],
    ['a wrong key', () => post(cat.bytes, { headers: { 'Ocp-Apim-Subscription-Key': 'wrong-key' } }), 401, '401'],
    [
      'a wrong api-version',
      () =>
        fetch(analyzeUrl().replace('2023-10-01', '2022-10-12'), { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': service.key } }),
      400,
      'InvalidApiVersion',
    ],
    ['a wrong content type', () => post(cat.bytes, { headers: { 'Content-Type': 'multipart/form-data' } }), 400, 'UnsupportedMediaType'],
    ['a URL to 127.0.0.1', () => postUrl(`${service.endpoint}/health`), 400, 'InvalidImageUrl'],
    ['a URL to 10.x', () => postUrl('http://10.0.0.1/photo.jpg'), 400, 'InvalidImageUrl'],
    ['a URL to the cloud metadata address', () => postUrl('http://169.254.169.254/latest/meta-data/'), 400, 'InvalidImageUrl'],
    ['a URL to [::1]', () => postUrl('http://[::1]:80/photo.jpg'), 400, 'InvalidImageUrl'],
    ['a URL to a name for loopback (localhost)', () => postUrl('http://localhost/photo.jpg'), 400, 'InvalidImageUrl'],
    ['a URL to a local name (localhost.localdomain)', () => postUrl('http://localhost.localdomain/photo.jpg'), 400, 'InvalidImageUrl'],
  ];
  it.each(cases.map(([name, send, status, code]) => [`${name} → ${status} ${code}`, send, status, code] as const))(
    '%s',
    async (_, send, status, code) => {
      expect(await azureError(await send())).toMatchObject({ status, code });
    },
  );

  it('a 60000×60000 PNG bomb → 400 InvalidImageSize, by its header, at once', async () => {
    const started = performance.now();
    expect(await azureError(await post(await pngClaiming(60_000, 60_000)))).toEqual({
      status: 400,
      code: 'InvalidImageSize',
      message: 'The image dimension is not allowed to be smaller than 50 and larger than 16000.',
    });
    expect(performance.now() - started).toBeLessThan(2000);
    await stillServes();
  });

  it("a 50 MB upload → 400 with Azure's size error, at once, without the service holding it", async () => {
    const before = service.rssMiB();
    const started = performance.now();
    expect(await azureError(await post(Buffer.alloc(50 * 1024 * 1024, 0xab)))).toEqual({
      status: 400,
      code: 'InvalidRequest',
      message: 'The image size is not allowed to be zero or larger than 20971520 bytes.',
    });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(service.rssMiB() - before).toBeLessThan(25);
    await stillServes();
  });

  it('after all of them, a good request still succeeds', async () => {
    const result = imageAnalysisResult.parse(await (await post(runners.bytes, { query: 'features=people' })).json());
    expect(result.metadata).toEqual({ width: 640, height: 428 });
  });
});

describe('classifier service: capacity', () => {
  it('8 requests at once with 1 running and 1 waiting: the rest get 429 with Retry-After, memory stays flat, then it serves again', async () => {
    await stillServes();
    const before = service.rssMiB();
    const fired = performance.now();
    const timed = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const response = await post(runners.bytes, { query: 'features=people,objects' });
        return { response, ms: performance.now() - fired };
      }),
    );
    const answers = timed.map((t) => t.response);
    // One runs, one waits; a model run takes far longer than the eight take to arrive.
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 429, 429, 429, 429, 429, 429]);
    // The models run in their own thread: the service refuses at once, it does not make the surplus wait for a run.
    const firstDone = Math.min(...timed.filter((t) => t.response.status === 200).map((t) => t.ms));
    for (const { response, ms } of timed) if (response.status === 429) expect(ms).toBeLessThan(firstDone);
    for (const response of answers.filter((r) => r.status === 429)) {
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await azureError(response)).toMatchObject({
        status: 429,
        code: '429',
        message: expect.stringMatching(/Please retry after \d+ seconds?\.$/),
      });
    }
    await Promise.all(answers.filter((r) => r.status === 200).map((r) => r.json()));
    expect(service.rssMiB() - before).toBeLessThan(150);
    expect(await (await fetch(`${service.endpoint}/health`)).json()).toMatchObject({ running: 0, waiting: 0 });
    await stillServes();
  });
});

describe('classifier service: entry point', () => {
  it('says its model version and detectors on /health, as on its ready line', async () => {
    const health = (await (await fetch(`${service.endpoint}/health`)).json()) as { modelVersion: string; features: string[] };
    expect(health.modelVersion).toBe(service.modelVersion);
    expect(health.features).toEqual([...SERVED]);
    expect(service.loadMs).toBeGreaterThan(0);
  });

  it('refuses to start without a key, naming the setting', () => {
    const env = { ...process.env, NEWSDESK_CLASSIFIER_KEY: '' };
    const run = spawnSync(process.execPath, [join(ROOT, 'dist/classifier/main.js')], { env, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/NEWSDESK_CLASSIFIER_KEY/);
  });
});
