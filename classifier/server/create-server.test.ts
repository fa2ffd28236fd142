import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { azureErrorBody, imageAnalysisResult } from '../../contracts/classification.js';
import { parseAllowList } from '../../lib/net/allow-list.js';
import { scriptedModels, type ScriptedModels } from '../../test/support/classifier-scripted-models.js';
import { createClassifierServer, type ClassifierServerOptions } from './create-server.js';

const KEY = 'unit-test-key-0123456789';
const ANALYZE = '/computervision/imageanalysis:analyze?api-version=2023-10-01';
let photo: Buffer;
const open: Server[] = [];

beforeAll(async () => {
  photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#4a7' } })
    .jpeg()
    .toBuffer();
});
afterEach(async () => {
  for (const server of open.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(server: Server): Promise<string> {
  open.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function start(models: ScriptedModels, overrides: Partial<ClassifierServerOptions> = {}) {
  const base = await listen(
    createClassifierServer({
      models,
      key: KEY,
      maxBytes: 1024 * 1024,
      maxPixels: 10_000_000,
      concurrency: 1,
      queue: 1,
      url: { allowList: parseAllowList('127.0.0.1'), timeoutMs: 2000 },
      analysisMaxSide: 320,
      ...overrides,
    }),
  );
  const post = (query: string, body: Uint8Array | string, headers: Record<string, string> = {}, signal?: AbortSignal) =>
    fetch(`${base}${ANALYZE}&${query}`, {
      method: 'POST',
      headers: { 'Ocp-Apim-Subscription-Key': KEY, 'Content-Type': 'application/octet-stream', ...headers },
      body,
      signal,
    });
  return { base, post };
}

/** Status, Azure error code (innererror first) and message of an answer that must be Azure's error shape. */
async function azureError(response: Response) {
  const body = azureErrorBody.parse(await response.json());
  const inner = body.error.innererror as { code?: string } | undefined;
  return { status: response.status, code: inner?.code ?? body.error.code, message: body.error.message };
}

const detections = {
  objects: [
    { box: { x: 10, y: 10, w: 100, h: 80 }, label: 'tennis racket', score: 0.9 },
    { box: { x: 150, y: 20, w: 60, h: 150 }, label: 'person', score: 0.88 },
  ],
  people: [{ box: { x: 150, y: 20, w: 60, h: 150 }, score: 0.93 }],
  text: { lines: [] },
  safety: { Neutral: 0.99, Porn: 0, Hentai: 0, Sexy: 0.01, Drawing: 0 },
};

describe('classifier server: the analyze operation', () => {
  it('analyses the bytes: Azure shape, only the features asked, boxes in the picture, Newsdesk extensions', async () => {
    const models = scriptedModels({ detections });
    const { post } = await start(models);
    const response = await post('features=objects,people,tags', photo);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('apim-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const result = imageAnalysisResult.parse(await response.json());
    expect(result).toMatchObject({ modelVersion: 'scripted-1', metadata: { width: 640, height: 480 } });
    expect(result).not.toHaveProperty('readResult');
    // The models saw a 320×240 copy; boxes come back doubled.
    expect(models.calls).toEqual([{ width: 320, height: 240, wanted: ['objects', 'people', 'read', 'safety'] }]);
    expect(result.objectsResult?.values[0]).toEqual({
      boundingBox: { x: 20, y: 20, w: 200, h: 160 },
      tags: [{ name: 'tennis racket', confidence: 0.9 }],
    });
    expect(result.newsdesk?.topics).toEqual([
      { code: 'medtop:15000000', label: 'sport', confidence: 0.81, evidence: ['object tennis racket 0.90', '1 person'] },
    ]);
    expect(result.newsdesk?.contentSafety).toMatchObject({ verdict: 'safe' });
  });

  it('downloads a { "url": … } image through the SSRF guard', async () => {
    const images = await listen(createHttpServer((_, res) => res.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(photo)));
    const { post } = await start(scriptedModels({ detections }));
    const ok = await post('features=people', JSON.stringify({ url: `${images}/photo.jpg` }), { 'Content-Type': 'application/json' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ metadata: { width: 640, height: 480 }, peopleResult: { values: [{ confidence: 0.93 }] } });

    const metadata = await post('features=people', JSON.stringify({ url: 'http://169.254.169.254/latest/meta-data/' }), {
      'Content-Type': 'application/json',
    });
    expect(await azureError(metadata)).toEqual({
      status: 400,
      code: 'InvalidImageUrl',
      message: 'Image URL is not valid: its host 169.254.169.254 is not a public address (link-local (cloud metadata service)).',
    });
    const notJson = await post('features=people', '{url:', { 'Content-Type': 'application/json' });
    expect(await azureError(notJson)).toMatchObject({ status: 400, code: 'BadArgument' });
  });

  it('runs smartCrops without a model, and refuses captions with the reason', async () => {
    const { post } = await start(scriptedModels({ detections }));
    const crops = await post('features=smartCrops&smartcrops-aspect-ratios=1', photo);
    expect(await crops.json()).toMatchObject({ smartCropsResult: { values: [{ aspectRatio: 1, boundingBox: { y: 0, w: 480, h: 480 } }] } });
    expect(await azureError(await post('features=tags,caption', photo))).toMatchObject({ status: 400, code: 'NotSupportedFeature' });
  });

  it('checks in Azure order: path, key, api-version, features, content type, then the image', async () => {
    const models = scriptedModels();
    const { base, post } = await start(models);
    expect(await azureError(await fetch(`${base}/vision/v3.2/analyze`, { method: 'POST' }))).toEqual({
      status: 404,
      code: '404',
      message: 'Resource not found',
    });
    expect((await azureError(await fetch(`${base}${ANALYZE}&features=tags`))).status).toBe(404);
    const noKey = await fetch(`${base}/computervision/imageanalysis:analyze?api-version=1`, { method: 'POST', body: photo });
    expect(await azureError(noKey)).toMatchObject({ status: 401, message: expect.stringMatching(/missing subscription key/) });
    const wrongKey = await post('features=nonsense', photo, { 'Ocp-Apim-Subscription-Key': 'wrong' });
    expect(await azureError(wrongKey)).toMatchObject({
      status: 401,
      code: '401',
      message: expect.stringMatching(/^Access denied due to invalid/),
    });
    const version = await fetch(`${base}/computervision/imageanalysis:analyze?api-version=2024-02-01&features=x`, {
      method: 'POST',
      headers: { 'Ocp-Apim-Subscription-Key': KEY },
    });
    expect(await azureError(version)).toMatchObject({ status: 400, code: 'InvalidApiVersion' });
    expect(await azureError(await post('features=faces', photo, { 'Content-Type': 'text/plain' }))).toMatchObject({
      code: 'NotSupportedVisualFeature',
    });
    expect(await azureError(await post('features=tags', photo, { 'Content-Type': 'text/plain' }))).toMatchObject({
      status: 400,
      code: 'UnsupportedMediaType',
    });
    expect(await azureError(await post('features=tags&model-version=2020-01-01', photo))).toMatchObject({ code: 'InvalidModel' });
    expect(await azureError(await post('features=tags', Buffer.alloc(0)))).toEqual({
      status: 400,
      code: 'InvalidRequest',
      message: 'The image size is not allowed to be zero or larger than 1048576 bytes.',
    });
    expect(await azureError(await post('features=tags', Buffer.from('not an image')))).toMatchObject({ code: 'InvalidImageFormat' });
    expect(models.calls).toEqual([]);
  });

  it('refuses an upload over the cap without reading it all, declared or chunked, and keeps serving', async () => {
    const { post } = await start(scriptedModels());
    const big = Buffer.alloc(50 * 1024 * 1024, 1);
    const started = performance.now();
    expect(await azureError(await post('features=tags', big))).toMatchObject({ status: 400, code: 'InvalidRequest' });
    // No Content-Length: a stream of 1 MB chunks, 50 of them.
    const chunks = async function* () {
      for (let i = 0; i < 50; i++) yield Buffer.alloc(1024 * 1024, 2);
    };
    const chunked = await fetch(`${(await start(scriptedModels())).base}${ANALYZE}&features=tags`, {
      method: 'POST',
      headers: { 'Ocp-Apim-Subscription-Key': KEY, 'Content-Type': 'application/octet-stream' },
      body: ReadableStream.from(chunks()),
      duplex: 'half',
    } as RequestInit);
    expect(await azureError(chunked)).toMatchObject({ status: 400, message: expect.stringMatching(/larger than 1048576 bytes/) });
    expect(performance.now() - started).toBeLessThan(5000);
    expect((await post('features=tags', photo)).status).toBe(200);
  });

  it('answers 500 in Azure shape when the models fail, without details, and keeps serving', async () => {
    const logs: Record<string, unknown>[] = [];
    const { post } = await start(scriptedModels({ fail: new Error('wasm trap at /secret/path') }), { log: (e) => logs.push(e) });
    const response = await post('features=tags', photo);
    expect(await azureError(response)).toEqual({
      status: 500,
      code: 'InternalServerError',
      message: 'An unexpected error occurred while analyzing the image.',
    });
    expect(logs).toContainEqual(expect.objectContaining({ event: 'classifier.error', error: 'Error: wasm trap at /secret/path' }));
    expect(logs).toContainEqual(expect.objectContaining({ event: 'classifier.request', status: 500, code: 'InternalServerError' }));
  });
});

describe('classifier server: capacity', () => {
  it('beyond concurrency + queue answers 429 at once with Retry-After, never queues more, and serves again after', async () => {
    const models = scriptedModels({ detections, delayMs: 300 });
    const { base, post } = await start(models, { concurrency: 1, queue: 1 });
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const response = await post('features=people', photo);
        return { response, at: performance.now() - started };
      }),
    );
    const ok = answers.filter((a) => a.response.status === 200);
    const limited = answers.filter((a) => a.response.status === 429);
    expect(ok).toHaveLength(2);
    expect(limited).toHaveLength(4);
    expect(models.maxRunning).toBe(1);
    for (const { response, at } of limited) {
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await azureError(response)).toMatchObject({
        status: 429,
        code: '429',
        message: expect.stringMatching(
          /have exceeded the capacity of this service \(1 running, 1 waiting\)\. Please retry after \d+ seconds?\.$/,
        ),
      });
      // Refused on arrival, not after waiting for a slot.
      expect(at).toBeLessThan(250);
    }
    expect((await post('features=people', photo)).status).toBe(200);
    expect(await (await fetch(`${base}/health`)).json()).toMatchObject({ running: 0, waiting: 0 });
  });

  it('gives a waiting request up when its client goes away', async () => {
    const models = scriptedModels({ delayMs: 300 });
    const { base, post } = await start(models, { concurrency: 1, queue: 1 });
    const first = post('features=people', photo);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const controller = new AbortController();
    const second = post('features=people', photo, {}, controller.signal).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect(await second).toBeInstanceOf(Error);
    expect((await first).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(models.calls).toHaveLength(1);
    expect(await (await fetch(`${base}/health`)).json()).toMatchObject({ running: 0, waiting: 0 });
  });
});

describe('classifier server: health', () => {
  it('says what it serves, without a key', async () => {
    const { base } = await start(scriptedModels({ detectors: ['objects', 'people'] }), { concurrency: 2, queue: 3, modelLoadMs: 4200 });
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      modelVersion: 'scripted-1',
      modelLoadMs: 4200,
      detectors: ['objects', 'people'],
      features: ['tags', 'objects', 'people', 'smartCrops'],
      running: 0,
      waiting: 0,
      capacity: { concurrency: 2, queue: 3 },
      averageRunMs: 1000,
    });
  });
});
