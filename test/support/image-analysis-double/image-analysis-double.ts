import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import { IMAGE_ANALYSIS_FEATURES, type ImageAnalysisFeature } from '../../../contracts/classification.js';
import { azureErrors, type ErrorAnswer } from './azure-errors.js';
import { recordedResponse } from './recorded-response.js';

export interface LoggedRequest {
  /** performance.now() when the request arrived. */
  at: number;
  method: string;
  path: string;
  apiVersion: string | null;
  features: string[];
  bytes: number;
  /** The status answered, or what happened instead. */
  answered: number | 'reset' | 'hung';
}

/** 'unavailable': every request gets 503. 'reset': sockets are destroyed. 'hang': requests are never answered. */
export type DownMode = 'unavailable' | 'reset' | 'hang';

export interface ImageAnalysisDouble {
  /** Base URL, like `https://<resource>.cognitiveservices.azure.com`. */
  endpoint: string;
  key: string;
  readonly requests: readonly LoggedRequest[];
  readonly inFlight: number;
  /** Most requests in flight at once since start or clearLog(). */
  readonly maxInFlight: number;
  /**
   * The next `n` requests get `status` (with `Retry-After: retryAfter` when given: seconds, or any raw value), before
   * any check, as from a gateway in front of the service. `failNext(0, …)` cancels what is left.
   */
  failNext(n: number, status: number, retryAfter?: number | string): void;
  down(mode?: DownMode): void;
  /** Ends an outage; requests left hanging are dropped. */
  up(): void;
  /** Delay every answer by this much (to hold requests in flight). */
  setLatency(ms: number): void;
  clearLog(): void;
  close(): Promise<void>;
}

const ANALYZE_PATH = '/computervision/imageanalysis:analyze';
const API_VERSION = '2023-10-01';
const MAX_BYTES = 20 * 1024 * 1024;
/** What Azure accepts (JPEG, PNG, GIF, BMP, WEBP, ICO, TIFF, MPO), as far as sharp can tell them apart. */
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'gif', 'webp', 'tiff']);

/**
 * A protocol-level HTTP double of Azure AI Vision Image Analysis 4.0 (`POST /computervision/imageanalysis:analyze`,
 * binary body) on 127.0.0.1, because Azure cannot run here. It checks what Azure checks, in Azure's order (key, then
 * api-version and features, then the image, measured with sharp), answers Azure's error shape, and on success a
 * recorded Azure response fitted to the real image size. Faults can be injected for resilience tests.
 */
export async function startImageAnalysisDouble(options: { key?: string; latencyMs?: number } = {}): Promise<ImageAnalysisDouble> {
  const key = options.key ?? `double-key-${randomUUID()}`;
  const requests: LoggedRequest[] = [];
  let latencyMs = options.latencyMs ?? 0;
  let failures: { left: number; status: number; retryAfter?: string } = { left: 0, status: 503 };
  let outage: DownMode | undefined;
  let inFlight = 0;
  let maxInFlight = 0;
  const hung = new Set<ServerResponse>();

  const handle = async (req: IncomingMessage, res: ServerResponse, entry: LoggedRequest): Promise<void> => {
    if (outage === 'reset') {
      entry.answered = 'reset';
      req.socket.destroy();
      return;
    }
    const body = await readBody(req);
    entry.bytes = body.length;
    if (outage === 'hang') {
      entry.answered = 'hung';
      hung.add(res);
      return;
    }
    if (latencyMs > 0) await sleep(latencyMs);
    if (outage === 'unavailable') return send(res, entry, azureErrors.fault(503));
    if (failures.left > 0) {
      failures.left--;
      return send(res, entry, azureErrors.fault(failures.status), failures.retryAfter);
    }
    send(res, entry, await analyze(req, body, key));
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://double');
    const entry: LoggedRequest = {
      at: performance.now(),
      method: req.method ?? '',
      path: url.pathname,
      apiVersion: url.searchParams.get('api-version'),
      features: (url.searchParams.get('features') ?? '').split(',').filter(Boolean),
      bytes: 0,
      answered: 0,
    };
    requests.push(entry);
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    let counted = true;
    const done = () => {
      if (counted) inFlight--;
      counted = false;
    };
    // 'close' also fires when the socket goes first (reset, dropped hang, client timeout).
    res.on('close', done);
    handle(req, res, entry).catch((error: unknown) => {
      entry.answered = 500;
      if (!res.headersSent)
        res
          .writeHead(500, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ error: { code: 'InternalServerError', message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dropHung = () => {
    for (const res of hung) res.socket?.destroy();
    hung.clear();
  };

  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    key,
    requests,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    failNext(n, status, retryAfter) {
      failures = { left: n, status, retryAfter: retryAfter === undefined ? undefined : String(retryAfter) };
    },
    down(mode = 'unavailable') {
      outage = mode;
    },
    up() {
      outage = undefined;
      dropHung();
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    clearLog() {
      requests.length = 0;
      maxInFlight = inFlight;
    },
    close: async () => {
      dropHung();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The service itself: a success or the error Azure gives for the first thing wrong with the request. */
async function analyze(req: IncomingMessage, body: Buffer, key: string): Promise<ErrorAnswer | { status: 200; body: unknown }> {
  const url = new URL(req.url ?? '/', 'http://double');
  if (req.method !== 'POST' || url.pathname !== ANALYZE_PATH) return azureErrors.notFound();
  if (req.headers['ocp-apim-subscription-key'] !== key) return azureErrors.accessDenied();
  const apiVersion = url.searchParams.get('api-version');
  if (apiVersion !== API_VERSION) return azureErrors.apiVersion(apiVersion);
  const features = (url.searchParams.get('features') ?? '').split(',').filter(Boolean);
  if (features.length === 0) return azureErrors.noFeatures();
  const unknown = features.find((f) => !(IMAGE_ANALYSIS_FEATURES as readonly string[]).includes(f));
  if (unknown !== undefined) return azureErrors.unknownFeature(unknown);
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/octet-stream' && !contentType.startsWith('image/')) return azureErrors.mediaType(contentType);
  if (body.length === 0 || body.length > MAX_BYTES) return azureErrors.imageBytes();

  let width: number | undefined;
  let height: number | undefined;
  try {
    const metadata = await sharp(body).metadata();
    if (ACCEPTED_FORMATS.has(metadata.format ?? '')) ({ width, height } = metadata);
  } catch {
    // Not an image sharp can read: answered below like any other unreadable upload.
  }
  if (!width || !height) return azureErrors.imageFormat();
  if (Math.min(width, height) < 50 || Math.max(width, height) > 16000) return azureErrors.imageDimensions();
  return { status: 200, body: recordedResponse(width, height, [...new Set(features)] as ImageAnalysisFeature[]) };
}

function send(res: ServerResponse, entry: LoggedRequest, answer: { status: number; body: unknown }, retryAfter?: string): void {
  entry.answered = answer.status;
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', 'apim-request-id': randomUUID() };
  if (retryAfter !== undefined) headers['Retry-After'] = retryAfter;
  res.writeHead(answer.status, headers).end(JSON.stringify(answer.body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
