import type { ImageAnalysisFeature, ImageAnalysisResult, MediaTopic } from '../../contracts/classification.js';
import type { SmartCrop } from '../image/smart-crops.js';
import type { Detections } from '../models/vision-models.js';
import type { ContentSafety } from '../safety/content-safety.js';
import { deriveTags } from './derive-tags.js';
import { confidence, frame } from './frame.js';

export interface ResultParts {
  features: readonly ImageAnalysisFeature[];
  modelVersion: string;
  /** The picture's size (as displayed): Azure's `metadata`, and the frame of every box. */
  picture: { width: number; height: number };
  /** The size of the image the models saw. */
  seen: { width: number; height: number };
  detections: Detections;
  smartCrops?: SmartCrop[];
  topics: MediaTopic[];
  contentSafety?: ContentSafety;
}

/**
 * Detections in the Image Analysis 4.0 response shape: `<feature>Result` only for the features requested (Azure omits
 * the others), boxes and polygons in the picture's pixels, confidences 0–1. Extensions Azure does not have go under
 * the one `newsdesk` key.
 */
export function toImageAnalysisResult(parts: ResultParts): ImageAnalysisResult {
  const { detections, features } = parts;
  const to = frame(parts.seen, parts.picture);
  const wants = (feature: ImageAnalysisFeature) => features.includes(feature);
  const visible = (b: { w: number; h: number }) => b.w > 0 && b.h > 0;

  const result: ImageAnalysisResult = { modelVersion: parts.modelVersion, metadata: { ...parts.picture } };
  if (wants('tags')) result.tagsResult = { values: deriveTags(detections) };
  if (wants('objects')) {
    result.objectsResult = {
      values: (detections.objects ?? [])
        .map((o) => ({ boundingBox: to.box(o.box), tags: [{ name: o.label, confidence: confidence(o.score) }] }))
        .filter((o) => visible(o.boundingBox)),
    };
  }
  if (wants('people')) {
    result.peopleResult = {
      values: (detections.people ?? [])
        .map((p) => ({ boundingBox: to.box(p.box), confidence: confidence(p.score) }))
        .filter((p) => visible(p.boundingBox)),
    };
  }
  if (wants('read')) {
    const lines = (detections.text?.lines ?? []).map((line) => ({
      text: line.text,
      boundingPolygon: line.polygon.map(to.point),
      words: line.words.map((w) => ({ text: w.text, boundingPolygon: w.polygon.map(to.point), confidence: confidence(w.confidence) })),
    }));
    // Azure answers one block holding the lines, and no block when nothing was read.
    result.readResult = { blocks: lines.length > 0 ? [{ lines }] : [] };
  }
  if (wants('smartCrops')) result.smartCropsResult = { values: parts.smartCrops ?? [] };
  result.newsdesk = { topics: parts.topics, ...(parts.contentSafety ? { contentSafety: { ...parts.contentSafety } } : {}) };
  return result;
}
