import type { ImageAnalysisResult } from '../../contracts/classification.js';

/** Below these, a detection is noise: Azure lists people boxes down to 0.002 and tags down to about 0.4. */
export interface LabelThresholds {
  /** tagsResult. Default 0.6. */
  minTagConfidence?: number;
  /** objectsResult tags. Default 0.5. */
  minObjectConfidence?: number;
  /** peopleResult boxes, which become the label "person". Default 0.6. */
  minPersonConfidence?: number;
}

export const DEFAULT_THRESHOLDS: Required<LabelThresholds> = { minTagConfidence: 0.6, minObjectConfidence: 0.5, minPersonConfidence: 0.6 };

/**
 * The labels one image shows, with the best confidence any source gave each: its tags, its objects' tags, and
 * "person" where people detection found someone. Names are lower-cased, so "Person" from one source and "person"
 * from another are one label.
 */
export function labelsOf(result: ImageAnalysisResult, thresholds: LabelThresholds = {}): Map<string, number> {
  const t = { ...DEFAULT_THRESHOLDS, ...thresholds };
  const labels = new Map<string, number>();
  const add = (name: string, confidence: number, min: number) => {
    const key = name.trim().toLowerCase();
    if (key && confidence >= min) labels.set(key, Math.max(confidence, labels.get(key) ?? 0));
  };
  for (const tag of result.tagsResult?.values ?? []) add(tag.name, tag.confidence, t.minTagConfidence);
  for (const object of result.objectsResult?.values ?? [])
    for (const tag of object.tags) add(tag.name, tag.confidence, t.minObjectConfidence);
  for (const person of result.peopleResult?.values ?? []) add('person', person.confidence, t.minPersonConfidence);
  return labels;
}
