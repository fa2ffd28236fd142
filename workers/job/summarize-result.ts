import type { AnalysisResult } from '../../contracts/analysis-result.js';
import { summarizeImage } from '../classification/summarize-image.js';

const TOP_LABELS = 10;
const TEXT_LINES = 5;

/**
 * The short summary carried by AnalysisCompleted (and so into the client's webhook); the full
 * result stays in analysis.json. Built only from the result's content, so a redelivered job
 * raises the same event.
 */
export function summarizeResult(result: AnalysisResult): Record<string, unknown> {
  const topics = result.topics.map(({ code, label }) => ({ code, label }));
  if (result.mediaType === 'photo') {
    return {
      mediaType: 'photo',
      width: result.metadata.width,
      height: result.metadata.height,
      perceptualHash: result.perceptualHash,
      ...(result.classification ? { ...summarizeImage(result.classification), topics } : { classified: false, topics }),
    };
  }
  const c = result.classification;
  return {
    mediaType: 'video',
    durationSeconds: result.metadata.durationSeconds,
    keyframes: result.keyframes.length,
    ...(c
      ? {
          labels: [...c.labels]
            .sort((a, b) => b.confidence - a.confidence)
            .slice(0, TOP_LABELS)
            .map((l) => l.name),
          text: c.ocr.slice(0, TEXT_LINES).map((o) => o.text),
        }
      : { classified: false }),
    topics,
  };
}
