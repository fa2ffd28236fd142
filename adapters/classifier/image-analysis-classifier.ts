import { SpanKind } from '@opentelemetry/api';
import { OUTCOME } from '../telemetry/attributes.js';
import { inSpan } from '../telemetry/in-span.js';
import { newsdeskMetrics } from '../telemetry/metrics.js';
import { withTraceHeaders } from '../telemetry/traceparent.js';
import { imageAnalysisResult, type ImageAnalysisFeature, type ImageAnalysisResult } from '../../contracts/classification.js';
import { formatIssues } from '../../lib/settings/format-issues.js';
import { CircuitBreaker, CircuitOpenError, type CircuitState, type Verdict } from '../../lib/resilience/circuit-breaker.js';
import { retry, RetryExhausted, type RetryPolicy } from '../../lib/resilience/retry.js';
import { Semaphore } from '../../lib/resilience/semaphore.js';
import { readAzureError } from './azure-error.js';
import { ClassifierProtocolError, ClassifierRejected, ClassifierUnavailable, type Classifier } from './classifier.js';
import { TransientFailure } from './transient-failure.js';
import { unavailableMessage, type StopReason } from './unavailable-message.js';

export interface ImageAnalysisClassifierOptions {
  /** `https://<resource>.cognitiveservices.azure.com`, or the local classifier service's base URL. */
  endpoint: string;
  key: string;
  /** Requests in flight at once from this worker; more wait their turn (their retry budget starts when they get one). */
  concurrency: number;
  retry: RetryPolicy;
  breaker: { failureThreshold: number; coolDownMs: number };
  /** Per attempt, bounded further by what is left of the retry budget. */
  timeoutMs: number;
  apiVersion?: '2023-10-01';
  fetch?: typeof fetch;
}

const ANALYZE_PATH = '/computervision/imageanalysis:analyze';

/** 408 and 429 say "not now"; 5xx say the service is failing. Any other status is an answer about this request. */
const isTransientStatus = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * Classifier over the Azure AI Vision Image Analysis 4.0 REST API (Azure, or Newsdesk's classifier service, which speaks
 * the same protocol). Failures map onto the port's errors:
 *
 * - 408, 429, 5xx, network errors and timeouts are retried with backoff (honouring `Retry-After`/`retry-after-ms`)
 *   and counted by the circuit breaker; when attempts or budget run out, or the circuit is open → ClassifierUnavailable.
 * - Any other 4xx → ClassifierRejected with Azure's error code, at once: the service is up (the breaker counts it as
 *   a success), the same bytes would fail the same way.
 * - A success body that is not an Image Analysis result, or a 3xx → ClassifierProtocolError, not retried (see there).
 * - The caller's AbortSignal → rejects with its reason; the breaker does not count it.
 */
export class ImageAnalysisClassifier implements Classifier {
  private readonly semaphore: Semaphore;
  private readonly breaker: CircuitBreaker;
  private readonly fetch: typeof fetch;
  private readonly base: string;

  constructor(private readonly options: ImageAnalysisClassifierOptions) {
    this.semaphore = new Semaphore(options.concurrency);
    this.breaker = new CircuitBreaker({ ...options.breaker, judge });
    const send = options.fetch ?? globalThis.fetch;
    // Called as a plain function: a fetch taken off an object must not see this adapter as `this`.
    this.fetch = (input, init) => send(input, init);
    this.base = options.endpoint.replace(/\/+$/, '');
  }

  /** For health reporting: 'open' means calls fail fast now. */
  get circuit(): CircuitState {
    return this.breaker.state;
  }

  analyze(image: Buffer, request: { features: readonly ImageAnalysisFeature[]; signal?: AbortSignal }): Promise<ImageAnalysisResult> {
    // One span per image, retries included; each attempt sends its traceparent, so the service's span is its child.
    return inSpan('classify', { kind: SpanKind.CLIENT, attributes: { 'newsdesk.features': request.features.join(',') } }, async (span) => {
      const started = performance.now();
      let outcome = 'error';
      try {
        const result = await this.analyzeOnce(image, request);
        outcome = 'ok';
        return result;
      } catch (error) {
        outcome = (error as Error).name;
        throw error;
      } finally {
        span.setAttribute(OUTCOME, outcome);
        newsdeskMetrics().classifierLatency.record(performance.now() - started, { outcome });
      }
    });
  }

  private async analyzeOnce(
    image: Buffer,
    request: { features: readonly ImageAnalysisFeature[]; signal?: AbortSignal },
  ): Promise<ImageAnalysisResult> {
    const { features, signal } = request;
    const release = await this.semaphore.acquire(signal);
    const started = performance.now();
    const failures: TransientFailure[] = [];
    const unavailable = (stop: StopReason) =>
      new ClassifierUnavailable(unavailableMessage(this.base, failures, performance.now() - started, stop), {
        cause: failures.at(-1),
        // This call's failures may be what opened the circuit: then it is an outage too.
        outage: stop.kind === 'circuit' || this.breaker.state !== 'closed',
      });
    try {
      return await retry(
        ({ remainingMs }) =>
          this.breaker
            .run(() => this.attempt(image, features, Math.min(this.options.timeoutMs, remainingMs), signal))
            .catch((error: unknown) => {
              if (error instanceof TransientFailure) failures.push(error);
              throw error;
            }),
        { ...this.options.retry, signal, retryable: (error) => error instanceof TransientFailure },
      );
    } catch (error) {
      if (error instanceof RetryExhausted) {
        throw unavailable(
          error.reason === 'attempts'
            ? { kind: 'attempts' }
            : { kind: 'budget', budgetMs: this.options.retry.budgetMs, requestedWaitMs: error.requestedWaitMs },
        );
      }
      if (error instanceof CircuitOpenError) throw unavailable({ kind: 'circuit', open: error });
      throw error;
    } finally {
      release();
    }
  }

  private url(features: readonly ImageAnalysisFeature[]): string {
    const apiVersion = this.options.apiVersion ?? '2023-10-01';
    // Commas stay literal, as Azure's own samples send them: `features=tags,objects`.
    return `${this.base}${ANALYZE_PATH}?api-version=${apiVersion}&features=${features.map(encodeURIComponent).join(',')}`;
  }

  /** One HTTP exchange, bounded by `timeoutMs` (reading the body included). */
  private async attempt(
    image: Buffer,
    features: readonly ImageAnalysisFeature[],
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<ImageAnalysisResult> {
    timeoutMs = Math.max(1, Math.ceil(timeoutMs));
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let body: string;
    try {
      response = await this.fetch(this.url(features), {
        method: 'POST',
        headers: withTraceHeaders({ 'Content-Type': 'application/octet-stream', 'Ocp-Apim-Subscription-Key': this.options.key }),
        body: new Uint8Array(image.buffer, image.byteOffset, image.byteLength),
        // A redirect would carry the key to wherever it points: see it as an answer instead.
        redirect: 'manual',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      body = await response.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      // Not "after N s": the last attempt's timeout is cut to the budget left, and one wording groups all timeouts.
      if (timeout.aborted) throw new TransientFailure('timed out', undefined, undefined, { cause: error });
      throw new TransientFailure(`network error (${networkCode(error)})`, undefined, undefined, { cause: error });
    }
    const { status } = response;
    if (status >= 200 && status < 300) return this.parse(status, body);
    if (isTransientStatus(status)) {
      const ms = Number(response.headers.get('retry-after-ms') ?? response.headers.get('x-ms-retry-after-ms') ?? NaN);
      throw new TransientFailure(
        `answered ${status}`,
        response.headers.get('retry-after') ?? undefined,
        Number.isFinite(ms) ? ms : undefined,
      );
    }
    if (status >= 300 && status < 400) {
      const location = response.headers.get('location') ?? 'nowhere';
      throw new ClassifierProtocolError(
        status,
        `classifier at ${this.base} answered ${status} redirecting to ${location}; redirects are not followed`,
      );
    }
    const { code, message } = readAzureError(status, body, response.headers);
    throw new ClassifierRejected(status, code, message);
  }

  private parse(status: number, body: string): ImageAnalysisResult {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new ClassifierProtocolError(
        status,
        `classifier at ${this.base} answered ${status} with a body that is not JSON: ${snippet(body)}`,
      );
    }
    const parsed = imageAnalysisResult.safeParse(json);
    if (!parsed.success) {
      const issues = formatIssues(parsed.error.issues.slice(0, 3));
      throw new ClassifierProtocolError(
        status,
        `classifier at ${this.base} answered ${status} with a body that is not an Image Analysis 4.0 result (${issues})`,
      );
    }
    return parsed.data;
  }
}

/** How the breaker counts an attempt's error: only transient failures say the service is failing. */
function judge(error: unknown): Verdict {
  if (error instanceof TransientFailure) return 'failure';
  if (error instanceof ClassifierRejected || error instanceof ClassifierProtocolError) return 'success';
  return 'ignore';
}

/** undici's `fetch failed` hides the reason in `cause`: ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET… */
function networkCode(error: unknown): string {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if (!e.cause) return e.message;
  }
  return String(error);
}

const snippet = (body: string) => JSON.stringify(body.length > 120 ? `${body.slice(0, 120)}…` : body);
