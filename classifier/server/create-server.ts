import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { SpanKind } from '@opentelemetry/api';
import { inSpan } from '../../adapters/telemetry/in-span.js';
import { StreamAborted } from '../../lib/streams/stream-aborted.js';
import { contextOfHeaders, hasParent } from '../../adapters/telemetry/traceparent.js';
import type { AllowList } from '../../lib/net/allow-list.js';
import type { Lookup } from '../../lib/net/lookup.js';
import { servedFeatures } from '../analysis/plan-detectors.js';
import { CapacityLimiter } from '../capacity/capacity-limiter.js';
import { ImageAnalysisError, imageAnalysisErrors } from '../errors.js';
import type { VisionModels } from '../models/vision-models.js';
import { keyChecker } from '../request/check-key.js';
import { toAzureError } from '../to-azure-error.js';
import { handleAnalyze, type AnalyzeDeps } from './handle-analyze.js';
import { sendJson } from './send-json.js';

export interface ClassifierServerOptions {
  models: VisionModels;
  /** How long loading the models took, for /health (operators compare it across restarts); null when not measured. */
  modelLoadMs?: number;
  /** The key clients send in `Ocp-Apim-Subscription-Key`. */
  key: string;
  maxBytes: number;
  maxPixels: number;
  /** Model runs at once. */
  concurrency: number;
  /** Admitted requests waiting beyond those running; more get 429. */
  queue: number;
  /** Fetching `{ "url": … }` images. */
  url: { allowList: AllowList; timeoutMs: number; lookup?: Lookup };
  /** The long side of the image the models see (boxes are scaled back). Default 2048. */
  analysisMaxSide?: number;
  /** A request (headers and body) must arrive within this. Default 60 s. */
  requestTimeoutMs?: number;
  log?: (entry: Record<string, unknown>) => void;
}

const ANALYZE_PATH = '/computervision/imageanalysis:analyze';
/** After an early answer, how much of an unread body is discarded before the connection is closed. */
const LINGER = { bytes: 256 * 1024 * 1024, ms: 5000 };

/**
 * The classifier service: Azure AI Vision Image Analysis 4.0's analyze operation over the given models, plus
 * `GET /health` (no key). Everything else is Azure's 404. Every refusal is Azure's error shape (to-azure-error.ts).
 */
export function createClassifierServer(options: ClassifierServerOptions): Server {
  const log = options.log ?? (() => undefined);
  const limiter = new CapacityLimiter({ concurrency: options.concurrency, queue: options.queue });
  const deps: AnalyzeDeps = {
    models: options.models,
    checkKey: keyChecker(options.key),
    limiter,
    limits: { maxBytes: options.maxBytes, maxPixels: options.maxPixels, maxSide: options.analysisMaxSide ?? 2048 },
    url: options.url,
  };

  const health = () => ({
    status: 'ok',
    modelVersion: options.models.modelVersion,
    modelLoadMs: options.modelLoadMs ?? null,
    detectors: [...options.models.detectors],
    features: servedFeatures(options.models.detectors),
    running: limiter.running,
    waiting: limiter.waiting,
    capacity: limiter.capacity,
    averageRunMs: Math.round(limiter.runMs),
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://classifier');
    if (req.method === 'GET' && url.pathname === '/health') return sendJson(req, res, { status: 200, body: health() }, LINGER);
    // A worker's request carries its traceparent: this span joins the submission's trace.
    const parent = contextOfHeaders(req.headers);
    const attributes = { 'http.request.method': req.method ?? '', 'url.path': url.pathname };
    return inSpan('classifier.analyze', { parent, root: !hasParent(parent), kind: SpanKind.SERVER, attributes }, async (span) => {
      const status = await analyze(req, res, url);
      span.setAttribute('http.response.status_code', status);
    });
  };

  /** Answers one non-health request; resolves with the status it answered. */
  const analyze = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<number> => {
    const started = performance.now();
    // The client going away (or the request timing out) stops a request still waiting for its turn.
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort(new StreamAborted('the client closed the connection'));
    });
    let status = 200;
    let code: string | undefined;
    try {
      if (req.method !== 'POST' || url.pathname !== ANALYZE_PATH) throw imageAnalysisErrors.notFound();
      const body = await handleAnalyze(req, url, deps, gone.signal);
      sendJson(req, res, { status, body }, LINGER);
    } catch (error) {
      // Nobody is left to answer: not a fault of the service either.
      if (gone.signal.aborted || error instanceof StreamAborted) {
        status = 499;
        code = 'ClientClosedRequest';
        return status;
      }
      const answer = toAzureError(error);
      ({ status } = answer);
      code = error instanceof ImageAnalysisError ? (error.innerCode ?? error.code) : answer.body.error.code;
      if (!(error instanceof ImageAnalysisError))
        log({ event: 'classifier.error', path: url.pathname, error: String(error), stack: (error as Error).stack });
      sendJson(req, res, answer, LINGER);
    } finally {
      log({
        event: 'classifier.request',
        method: req.method,
        path: url.pathname,
        features: url.searchParams.get('features') ?? undefined,
        status,
        ...(code ? { code } : {}),
        ms: Math.round(performance.now() - started),
      });
    }
    return status;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log({ event: 'classifier.error', error: String(error) });
      if (!res.headersSent) res.destroy();
    });
  });
  server.requestTimeout = options.requestTimeoutMs ?? 60_000;
  server.headersTimeout = Math.min(server.requestTimeout, 20_000);
  return server;
}
