import type { Box, Detections, Point } from '../models/vision-models.js';

/** What the topic rules look at, gathered once from the detections. */
export interface Signals {
  objects: { label: string; score: number }[];
  /** People's scores, surest first, with their boxes. */
  people: { score: number; box: Box }[];
  /** Words read, upper case, punctuation trimmed ("POLICE", "308"). */
  words: { text: string; confidence: number; center: Point }[];
}

/**
 * Detections under these are too unsure to count as evidence. Calibrated on the offline models' scores on the test
 * fixtures (see classifier/models/offline-vision-models.ts): real objects and persons score 0.3–0.8 there, stray boxes
 * stay under 0.25. Words: PaddleOCR's confidences for words read right are 0.92 and up.
 */
export const MIN_OBJECT_SCORE = 0.3;
export const MIN_PERSON_SCORE = 0.3;
export const MIN_WORD_CONFIDENCE = 0.5;

export function collectSignals(detections: Detections): Signals {
  const objects = (detections.objects ?? []).filter((o) => o.score >= MIN_OBJECT_SCORE).map(({ label, score }) => ({ label, score }));
  // Person objects stand in for the people detector when it did not run, never in addition (one person, one count).
  const people = (detections.people ?? (detections.objects ?? []).filter((o) => o.label === 'person'))
    .filter((p) => p.score >= MIN_PERSON_SCORE)
    .map(({ score, box }) => ({ score, box }))
    .sort((a, b) => b.score - a.score);
  const words = (detections.text?.lines ?? [])
    .flatMap((line) => line.words)
    .filter((w) => w.confidence >= MIN_WORD_CONFIDENCE)
    .map((w) => ({
      text: w.text.toUpperCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''),
      confidence: w.confidence,
      center: center(w.polygon),
    }))
    .filter((w) => w.text !== '');
  return { objects, people, words };
}

function center(polygon: Point[]): Point {
  if (polygon.length === 0) return { x: -1, y: -1 };
  return { x: polygon.reduce((s, p) => s + p.x, 0) / polygon.length, y: polygon.reduce((s, p) => s + p.y, 0) / polygon.length };
}
