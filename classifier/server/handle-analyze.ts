import type { IncomingMessage } from 'node:http';
import { analyzeImage } from '../analysis/analyze-image.js';
import { planDetectors } from '../analysis/plan-detectors.js';
import type { CapacityLimiter } from '../capacity/capacity-limiter.js';
import { imageAnalysisErrors } from '../errors.js';
import { decodeImage, type DecodeLimits } from '../image/decode-image.js';
import type { VisionModels } from '../models/vision-models.js';
import { parseAnalyzeQuery } from '../request/parse-analyze-query.js';
import { imageSourceOf, readImage } from '../request/read-image-source.js';
import type { FetchImageUrlOptions } from '../url/fetch-image-url.js';

export interface AnalyzeDeps {
  models: VisionModels;
  checkKey: (header: string | string[] | undefined) => void;
  limiter: CapacityLimiter;
  limits: DecodeLimits;
  url: Omit<FetchImageUrlOptions, 'maxBytes' | 'signal'>;
}

/**
 * `POST /computervision/imageanalysis:analyze`: checks in Azure's order (key, query, content type), admits the request
 * or answers 429 before reading its body, reads and decodes the image while waiting its turn, then runs the models in
 * a slot. Throws ImageAnalysisError for every refusal; returns the 200 body.
 */
export async function handleAnalyze(req: IncomingMessage, url: URL, deps: AnalyzeDeps, signal: AbortSignal): Promise<unknown> {
  deps.checkKey(req.headers['ocp-apim-subscription-key']);
  const query = parseAnalyzeQuery(url.searchParams);
  if (query.modelVersion !== 'latest' && query.modelVersion !== deps.models.modelVersion) {
    throw imageAnalysisErrors.modelVersion(query.modelVersion, deps.models.modelVersion);
  }
  const detectors = planDetectors(query.features, deps.models.detectors);
  const source = imageSourceOf(req);

  const ticket = deps.limiter.tryAdmit();
  if (!ticket) {
    const { concurrency, queue } = deps.limiter.capacity;
    throw imageAnalysisErrors.rateLimited(
      deps.limiter.retryAfterSeconds(),
      `the capacity of this service (${concurrency} running, ${queue} waiting)`,
    );
  }
  try {
    const bytes = await readImage(req, source, { maxBytes: deps.limits.maxBytes, url: deps.url, signal });
    const decoded = await decodeImage(bytes, deps.limits);
    return await ticket.run(() => analyzeImage(decoded, { query, detectors }, deps.models, signal), signal);
  } finally {
    ticket.release();
  }
}
