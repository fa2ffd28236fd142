import type { ImageAnalysisResult } from '../../contracts/classification.js';
import { safety, type Safety } from '../../contracts/file-analysis.js';
import { DEFAULT_THRESHOLDS, type LabelThresholds } from './frame-labels.js';
import { textLinesOf } from './text-lines.js';

export interface ImageSummary {
  caption: string | null;
  /** The most confident tags, best first. */
  tags: string[];
  /** Detected objects by name, most frequent first: "2 cars". */
  objects: { name: string; count: number }[];
  /** People detection's count above the threshold. */
  people: number;
  /** Read lines in reading order. */
  text: string[];
  /** Newsdesk's classifier's safety verdict (Azure has none); null when the result has none. */
  safety: Safety | null;
}

export interface SummaryOptions extends LabelThresholds {
  /** Default 10. */
  maxTags?: number;
  /** Default 0.5. */
  minTextConfidence?: number;
}

/** What a photo shows, short enough for a webhook summary or a reviewer's list: caption, top tags, objects, people, text, safety. */
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

  // The verdict is a Newsdesk extension the contract leaves untyped: read only when it has the expected shape.
  const verdict = safety.safeParse(result.newsdesk?.contentSafety);
  return {
    caption: result.captionResult?.text.trim() || null,
    tags,
    objects,
    people: (result.peopleResult?.values ?? []).filter((p) => p.confidence >= t.minPersonConfidence).length,
    text: textLinesOf(result, options.minTextConfidence).map((line) => line.text),
    safety: verdict.success ? verdict.data : null,
  };
}
