import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClassifierRejected, ClassifierUnavailable } from '../../adapters/classifier/classifier.js';
import { classifierContract } from '../../adapters/classifier/classifier.contract.js';
import { ImageAnalysisClassifier, type ImageAnalysisClassifierOptions } from '../../adapters/classifier/image-analysis-classifier.js';
import { startImageAnalysisDouble, type ImageAnalysisDouble } from '../support/image-analysis-double/image-analysis-double.js';
import { fixture } from '../support/fixtures.js';

const image = (name: string) => ({ name, bytes: fixture(name) });
const cat = image('cat-chelsea.png');
const runners = image('runners-race.jpg');

// Azure cannot run here: the adapter speaks the real REST protocol to a local double of Image Analysis 4.0.
let double: ImageAnalysisDouble;
beforeAll(async () => {
  double = await startImageAnalysisDouble();
});
afterAll(async () => {
  await double?.close();
});
beforeEach(() => {
  double.up();
  double.failNext(0, 503);
  double.setLatency(0);
  double.clearLog();
});

/** Small timings throughout: budgets of a second or less. The breaker is out of the way unless a test sets it. */
const make = (overrides: Partial<ImageAnalysisClassifierOptions> = {}) =>
  new ImageAnalysisClassifier({
    endpoint: double.endpoint,
    key: double.key,
    concurrency: 4,
    retry: { attempts: 4, baseDelayMs: 10, maxDelayMs: 40, budgetMs: 1000 },
    breaker: { failureThreshold: 100, coolDownMs: 200 },
    timeoutMs: 1000,
    ...overrides,
  });
const retryWith = (r: Partial<ImageAnalysisClassifierOptions['retry']>) => ({
  retry: { attempts: 4, baseDelayMs: 10, maxDelayMs: 40, budgetMs: 400, ...r },
});

const tags = { features: ['tags'] } as const;
const timed = async <T>(work: Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> => {
  const started = performance.now();
  try {
    return { value: await work, ms: performance.now() - started };
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
};
const answered = () => double.requests.map((r) => r.answered);

classifierContract(
  'ImageAnalysisClassifier against the Image Analysis 4.0 double',
  // The contract is about answers, not timing: room for a cold sharp on a busy machine.
  () => ({ classifier: make({ timeoutMs: 10_000, ...retryWith({ budgetMs: 10_000 }) }), wrongKey: make({ key: 'not-the-key' }) }),
  [cat, runners],
);

describe('ImageAnalysisClassifier against the double: retries', () => {
  it('waits what Retry-After says after a 429, then returns the one result', async () => {
    double.failNext(1, 429, 1);
    const result = await make(retryWith({ budgetMs: 3000 })).analyze(cat.bytes, tags);
    expect(result.metadata).toEqual({ width: 451, height: 300 });
    expect(answered()).toEqual([429, 200]);
    const gap = double.requests[1]!.at - double.requests[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(990);
    expect(gap).toBeLessThan(1500);
  });

  it('gets through two 503s', async () => {
    double.failNext(2, 503);
    const result = await make().analyze(runners.bytes, tags);
    expect(result.metadata).toEqual({ width: 640, height: 428 });
    expect(answered()).toEqual([503, 503, 200]);
  });

  it('gives up with ClassifierUnavailable when the service stays down, within the budget', async () => {
    double.down();
    const { error, ms } = await timed(make(retryWith({ attempts: 1000, budgetMs: 300 })).analyze(cat.bytes, tags));
    expect(error).toBeInstanceOf(ClassifierUnavailable);
    // On a busy machine the last attempt may start with little budget left and be cut short: it then counts as timed out.
    expect((error as Error).message).toMatch(
      new RegExp(
        `^classifier at ${double.endpoint} (answered 503 on \\d+ attempts|failed \\d+ attempts \\(answered 503 ×\\d+, timed out ×1\\)) over 0\\.\\d\\d s; the retry budget of 0\\.30 s is spent$`,
      ),
    );
    expect(ms).toBeLessThan(300 + 150);
    expect(double.requests.length).toBeGreaterThanOrEqual(3);
    expect(answered().slice(0, 2)).toEqual([503, 503]);
  });

  it('gives up after the last attempt and says how many there were', async () => {
    double.down();
    const error = await make(retryWith({ attempts: 3, budgetMs: 5000 }))
      .analyze(cat.bytes, tags)
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(new RegExp(`^classifier at ${double.endpoint} answered 503 on 3 attempts over \\d\\.\\d+ s$`));
    expect(double.requests).toHaveLength(3);
  });

  it('gives up at once when Retry-After asks for more than the budget has left', async () => {
    double.failNext(1, 429, 30);
    const { error, ms } = await timed(make().analyze(cat.bytes, tags));
    expect((error as Error).message).toMatch(
      /answered 429 on 1 attempt over 0\.\d\d s; it asked to retry after 30\.0 s, beyond the retry budget of 1\.0 s$/,
    );
    expect(ms).toBeLessThan(200);
    expect(double.requests).toHaveLength(1);
  });

  it('retries dropped connections and names the network error', async () => {
    double.down('reset');
    const error = await make()
      .analyze(cat.bytes, tags)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClassifierUnavailable);
    expect((error as Error).message).toMatch(/network error \(\w+\) on 4 attempts/);
    expect(answered()).toEqual(['reset', 'reset', 'reset', 'reset']);
  });

  it('times out a hanging request, and keeps the last attempt within the budget', async () => {
    double.down('hang');
    const { error, ms } = await timed(make({ timeoutMs: 100, ...retryWith({ attempts: 10, budgetMs: 350 }) }).analyze(cat.bytes, tags));
    expect(error).toBeInstanceOf(ClassifierUnavailable);
    expect((error as Error).message).toMatch(/timed out on \d attempts over 0\.\d\d s; the retry budget of 0\.35 s is spent$/);
    expect(ms).toBeLessThan(350 + 150);
  });

  it('does not retry a 400, nor count it against the service', async () => {
    const classifier = make({ breaker: { failureThreshold: 1, coolDownMs: 10_000 } });
    const error = await classifier.analyze(Buffer.from('not an image'), tags).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClassifierRejected);
    expect(error).toMatchObject({ status: 400, code: 'InvalidImageFormat', message: 'Image format is not valid.' });
    expect(double.requests).toHaveLength(1);
    expect(classifier.circuit).toBe('closed');
    await expect(classifier.analyze(cat.bytes, tags)).resolves.toMatchObject({ metadata: { width: 451 } });
  });

  it('does not retry a wrong key (401), nor count it against the service', async () => {
    const classifier = make({ key: 'wrong', breaker: { failureThreshold: 2, coolDownMs: 10_000 } });
    for (let i = 0; i < 3; i++)
      await expect(classifier.analyze(cat.bytes, tags)).rejects.toMatchObject({ name: 'ClassifierRejected', status: 401, code: '401' });
    expect(answered()).toEqual([401, 401, 401]);
    expect(classifier.circuit).toBe('closed');
  });
});

describe('ImageAnalysisClassifier against the double: circuit breaker', () => {
  const breaking = () => make({ ...retryWith({ attempts: 1 }), breaker: { failureThreshold: 3, coolDownMs: 200 } });

  it('opens after N failures and fails fast without sending, then half-opens after the cool-down and closes on success', async () => {
    const classifier = breaking();
    double.down();
    for (let i = 0; i < 3; i++) await expect(classifier.analyze(cat.bytes, tags)).rejects.toBeInstanceOf(ClassifierUnavailable);
    expect(classifier.circuit).toBe('open');
    expect(double.requests).toHaveLength(3);

    const fast = await timed(classifier.analyze(cat.bytes, tags));
    expect(fast.error).toBeInstanceOf(ClassifierUnavailable);
    expect((fast.error as Error).message).toMatch(
      new RegExp(
        `^classifier at ${double.endpoint} not called: circuit open after 3 consecutive failures \\(last: answered 503\\), next trial in 0\\.\\d\\d s$`,
      ),
    );
    expect(fast.ms).toBeLessThan(50);
    expect(double.requests).toHaveLength(3);

    double.up();
    await sleep(220);
    expect(classifier.circuit).toBe('half-open');
    await expect(classifier.analyze(cat.bytes, tags)).resolves.toMatchObject({ metadata: { width: 451, height: 300 } });
    expect(classifier.circuit).toBe('closed');
    await expect(classifier.analyze(runners.bytes, tags)).resolves.toMatchObject({ metadata: { width: 640 } });
    expect(answered()).toEqual([503, 503, 503, 200, 200]);
  });

  it('opens again when the half-open trial fails', async () => {
    const classifier = breaking();
    double.down();
    for (let i = 0; i < 3; i++) await classifier.analyze(cat.bytes, tags).catch(() => {});
    await sleep(220);
    await expect(classifier.analyze(cat.bytes, tags)).rejects.toBeInstanceOf(ClassifierUnavailable);
    expect(classifier.circuit).toBe('open');
    double.up();
    await expect(classifier.analyze(cat.bytes, tags)).rejects.toThrow(/not called: circuit open/);
    expect(double.requests).toHaveLength(4);
  });

  it('stops retrying within a call once its failures open the circuit', async () => {
    double.down();
    const classifier = make({ ...retryWith({ attempts: 10, budgetMs: 2000 }), breaker: { failureThreshold: 3, coolDownMs: 5000 } });
    const error = await classifier.analyze(cat.bytes, tags).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /answered 503 on 3 attempts over 0\.\d\d s; circuit now open after 3 consecutive failures \(last: answered 503\), next trial in [45]\.\d s$/,
    );
    expect(double.requests).toHaveLength(3);
  });
});

describe('ImageAnalysisClassifier against the double: concurrency', () => {
  it('keeps at most `concurrency` requests in flight', async () => {
    double.setLatency(80);
    const classifier = make({ concurrency: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => classifier.analyze(i % 2 ? cat.bytes : runners.bytes, tags)));
    expect(results.map((r) => r.metadata.width)).toEqual([640, 451, 640, 451, 640, 451]);
    expect(double.requests).toHaveLength(6);
    expect(double.maxInFlight).toBe(2);
  });

  it('lets a caller waiting for a slot give up, without sending its request', async () => {
    double.setLatency(150);
    const classifier = make({ concurrency: 1 });
    const first = classifier.analyze(cat.bytes, tags);
    const controller = new AbortController();
    const second = classifier.analyze(cat.bytes, { ...tags, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('job cancelled')), 20);
    await expect(second).rejects.toThrow('job cancelled');
    await first;
    expect(double.requests).toHaveLength(1);
  });

  it('lets a caller abort a request in flight, which the breaker does not count', async () => {
    double.setLatency(500);
    const classifier = make({ breaker: { failureThreshold: 1, coolDownMs: 10_000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('job cancelled')), 50);
    const { error, ms } = await timed(classifier.analyze(cat.bytes, { ...tags, signal: controller.signal }));
    expect(error).toEqual(new Error('job cancelled'));
    expect(ms).toBeLessThan(400);
    expect(classifier.circuit).toBe('closed');
  });
});
