import { inSpan } from '../../adapters/telemetry/in-span.js';
import type { ImageAnalysisResult } from '../../contracts/classification.js';
import { toImageAnalysisResult } from '../azure-shape/to-image-analysis-result.js';
import type { Decoded } from '../image/decode-image.js';
import { smartCrops } from '../image/smart-crops.js';
import type { Detector, VisionModels } from '../models/vision-models.js';
import type { AnalyzeQuery } from '../request/parse-analyze-query.js';
import { contentSafety } from '../safety/content-safety.js';
import { deriveTopics } from '../topics/derive-topics.js';
import { MIN_OBJECT_SCORE, MIN_PERSON_SCORE } from '../topics/signals.js';

/**
 * One decoded image through the models and into the Image Analysis 4.0 shape, with the Newsdesk extensions (topics
 * from what was detected, the content-safety verdict when the safety detector ran).
 */
export async function analyzeImage(
  decoded: Decoded,
  request: { query: AnalyzeQuery; detectors: ReadonlySet<Detector> },
  models: VisionModels,
  signal?: AbortSignal,
): Promise<ImageAnalysisResult> {
  const { query, detectors } = request;
  const detections =
    detectors.size > 0
      ? await inSpan('models.detect', { attributes: { 'newsdesk.detectors': [...detectors].join(',') } }, () =>
          models.detect(decoded.image, detectors, signal),
        )
      : {};
  const picture = { width: decoded.width, height: decoded.height };
  // A crop keeps the people and objects found; what the detectors were unsure of does not steer it.
  const regions = [
    ...(detections.people ?? []).filter((p) => p.score >= MIN_PERSON_SCORE),
    ...(detections.objects ?? []).filter((o) => o.score >= MIN_OBJECT_SCORE),
  ];
  const crops = query.features.includes('smartCrops')
    ? await smartCrops(decoded.image, picture, query.smartCropsAspectRatios, regions)
    : undefined;
  return toImageAnalysisResult({
    features: query.features,
    modelVersion: models.modelVersion,
    picture,
    seen: decoded.image,
    detections,
    smartCrops: crops,
    topics: deriveTopics(detections),
    contentSafety: detections.safety ? contentSafety(detections.safety) : undefined,
  });
}
