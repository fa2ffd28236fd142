import { describe, expect, it } from 'vitest';
import { ClassifierProtocolError, ClassifierRejected, ClassifierUnavailable } from './classifier.js';
import { ImageAnalysisClassifier, type ImageAnalysisClassifierOptions } from './image-analysis-classifier.js';

// The HTTP exchanges are proven against the Image Analysis double in test/integration/classifier-adapter.test.ts.
// Here, through the injected fetch: answers the double never gives (malformed bodies, redirects, proxies' pages).

const VALID = {
  modelVersion: '2023-10-01',
  metadata: { width: 451, height: 300 },
  tagsResult: { values: [{ name: 'cat', confidence: 0.99 }] },
};

const scripted = (...answers: (() => Response)[]) => {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    calls.push({ url: String(input), init });
    const next = answers[Math.min(calls.length, answers.length) - 1]!;
    return next();
  };
  return { calls, fetch };
};
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const make = (fetch: typeof globalThis.fetch, overrides: Partial<ImageAnalysisClassifierOptions> = {}) =>
  new ImageAnalysisClassifier({
    endpoint: 'https://vision.example/',
    key: 'k3y',
    concurrency: 2,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 10, budgetMs: 1000 },
    breaker: { failureThreshold: 5, coolDownMs: 1000 },
    timeoutMs: 1000,
    fetch,
    ...overrides,
  });
const image = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
const tags = { features: ['tags', 'objects'] } as const;

describe('ImageAnalysisClassifier', () => {
  it('POSTs the bytes to imageanalysis:analyze with the key, api-version and features', async () => {
    const { calls, fetch } = scripted(json(200, VALID));
    await expect(make(fetch).analyze(image, tags)).resolves.toEqual(VALID);
    expect(calls).toHaveLength(1);
    const [{ url, init }] = calls as [(typeof calls)[number]];
    expect(url).toBe('https://vision.example/computervision/imageanalysis:analyze?api-version=2023-10-01&features=tags,objects');
    expect(init).toMatchObject({
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/octet-stream', 'Ocp-Apim-Subscription-Key': 'k3y' },
    });
    expect(Buffer.from(init!.body as Uint8Array)).toEqual(image);
  });

  it('refuses a success body that is not JSON as a protocol error, without retrying', async () => {
    const { calls, fetch } = scripted(() => new Response('<html>Welcome to nginx</html>', { status: 200 }));
    const error = await make(fetch)
      .analyze(image, tags)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClassifierProtocolError);
    expect(error).toMatchObject({ status: 200, retryable: false });
    expect((error as Error).message).toBe(
      'classifier at https://vision.example answered 200 with a body that is not JSON: "<html>Welcome to nginx</html>"',
    );
    expect(calls).toHaveLength(1);
  });

  it('refuses JSON that is not an Image Analysis result, naming what is wrong', async () => {
    const { fetch } = scripted(json(200, { modelVersion: '2023-10-01', metadata: { width: 0 } }));
    const error = await make(fetch)
      .analyze(image, tags)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClassifierProtocolError);
    expect((error as Error).message).toMatch(
      /^classifier at https:\/\/vision\.example answered 200 with a body that is not an Image Analysis 4\.0 result \(metadata\.width: .+; metadata\.height: .+\)$/,
    );
  });

  it('does not follow a redirect, which would send the key elsewhere', async () => {
    const { calls, fetch } = scripted(() => new Response(null, { status: 302, headers: { Location: 'https://elsewhere.example/' } }));
    const error = await make(fetch)
      .analyze(image, tags)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClassifierProtocolError);
    expect((error as Error).message).toContain('answered 302 redirecting to https://elsewhere.example/');
    expect(calls).toHaveLength(1);
  });

  it("takes the specific innererror code of Azure's error body", async () => {
    const body = {
      error: {
        code: 'InvalidRequest',
        message: 'Image format is not valid.',
        innererror: { code: 'InvalidImageFormat', message: 'Image format is not valid.' },
      },
    };
    const { fetch } = scripted(json(400, body));
    await expect(make(fetch).analyze(image, tags)).rejects.toMatchObject({
      status: 400,
      code: 'InvalidImageFormat',
      message: 'Image format is not valid.',
    });
  });

  it('still rejects a 4xx whose body is not Azure-shaped, with x-ms-error-code or the status as the code', async () => {
    const page = () => new Response('<h1>Not Found</h1>', { status: 404 });
    const { fetch } = scripted(page);
    const error = await make(fetch)
      .analyze(image, tags)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClassifierRejected);
    expect(error).toMatchObject({ status: 404, code: '404', message: '<h1>Not Found</h1>' });

    const coded = scripted(() => new Response('', { status: 403, headers: { 'x-ms-error-code': 'Forbidden' } }));
    await expect(make(coded.fetch).analyze(image, tags)).rejects.toMatchObject({ status: 403, code: 'Forbidden', message: 'HTTP 403' });
  });

  it('retries 408 and honours retry-after-ms over its own backoff', async () => {
    const { calls, fetch } = scripted(
      json(408, { error: { code: '408', message: 'timeout' } }, { 'retry-after-ms': '20' }),
      json(200, VALID),
    );
    const classifier = make(fetch, { retry: { attempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000, budgetMs: 120_000 } });
    const started = performance.now();
    await expect(classifier.analyze(image, tags)).resolves.toEqual(VALID);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(calls).toHaveLength(2);
  });

  it('mixes outcomes in the unavailable message', async () => {
    const refused = () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    };
    const { fetch } = scripted(json(503, {}), refused, json(500, {}));
    const error = await make(fetch)
      .analyze(image, tags)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClassifierUnavailable);
    expect((error as Error).message).toMatch(
      /^classifier at https:\/\/vision\.example failed 3 attempts \(answered 503 ×1, network error \(ECONNREFUSED\) ×1, answered 500 ×1\) over 0\.\d\d s$/,
    );
  });
});
