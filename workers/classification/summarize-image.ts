import type { ImageAnalysisResult } from '../../contracts/classification.js';
import { DEFAULT_THRESHOLDS, type LabelThresholds } from './frame-labels.js';
import { textLinesOf } from './text-lines.js';

export interface ImageSummary {
  caption?: string;
  /** The most confident tags, best first. */
  tags: string[];
  /** Detected objects by name, most frequent first: "2 cars". */
  objects: { name: string; count: number }[];
  /** People detection's count above the threshold. */
  people: number;
  /** Read lines in reading order. */
  text: string[];
  /** IPTC Media Topics, most confident first (Newsdesk's classifier adds them; Azure does not). */
  topics: { code: string; label: string }[];
}

export interface SummaryOptions extends LabelThresholds {
  /** Default 10. */
  maxTags?: number;
  /** Default 0.5. */
  minTextConfidence?: number;
}

/** What a photo shows, short enough for a webhook summary or a reviewer's list: top tags, objects, people, text, topics. */
export function summarizeImage(result: ImageAnalysisResult, options: SummaryOptions = {}): ImageSummary {
  const t = { ...DEFAULT_THRESHOLDS, ...options };
  const tags = (result.tagsResult?.values ?? [])
    .filter((tag) => tag.confidence >= t.minTagConfidence)
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, options.maxTags ?? 10)
    .map((tag) => tag.name);

  const objectCounts = new Map<string, number>();
  for (const object of result.objectsResult?.values ?? []) {
    // An object's first tag is its most specific name ("car", not its parent "vehicle").
    const tag = object.tags[0];
    if (tag && tag.confidence >= t.minObjectConfidence) objectCounts.set(tag.name, (objectCounts.get(tag.name) ?? 0) + 1);
  }
  const objects = [...objectCounts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));

  const topics = [...(result.newsdesk?.topics ?? [])]
    .sort((a, b) => b.confidence - a.confidence)
    .map(({ code, label }) => ({ code, label }));

  return {
    ...(result.captionResult ? { caption: result.captionResult.text } : {}),
    tags,
    objects,
    people: (result.peopleResult?.values ?? []).filter((p) => p.confidence >= t.minPersonConfidence).length,
    text: textLinesOf(result, options.minTextConfidence).map((line) => line.text),
    topics,
  };
}
