import type { Detections } from '../models/vision-models.js';
import { MIN_PERSON_SCORE } from '../topics/signals.js';
import { confidence } from './frame.js';

/** Tags under this confidence are noise to a reader and are left out. */
export const MIN_TAG_CONFIDENCE = 0.3;
const CROWD = 5;

/**
 * Azure's `tagsResult` comes from a tagging model this service does not have. Here tags are derived from what the
 * detectors found, and only from that (no scene words like "outdoor" that nothing here measures):
 * - every detected object's label, at its best detection's confidence;
 * - "person" from the people detector (or a detected person object), "people" when two or more are counted (at the
 *   second-surest person's confidence), "crowd" from five (at the fifth's), counting people from MIN_PERSON_SCORE;
 * - "text" when text was read, at the mean confidence of the words read.
 * Sorted by confidence, highest first, as Azure sorts them.
 */
export function deriveTags(detections: Detections): { name: string; confidence: number }[] {
  const tags = new Map<string, number>();
  const add = (name: string, score: number) => {
    if (score >= MIN_TAG_CONFIDENCE) tags.set(name, Math.max(score, tags.get(name) ?? 0));
  };
  for (const object of detections.objects ?? []) add(object.label, object.score);

  const people = [
    ...(detections.people ?? []).map((p) => p.score),
    // Without the people detector, person objects count instead (never both: the same person would count twice).
    ...(detections.people === undefined ? (detections.objects ?? []).filter((o) => o.label === 'person').map((o) => o.score) : []),
  ].sort((a, b) => b - a);
  if (people[0] !== undefined) add('person', people[0]);
  const counted = people.filter((s) => s >= MIN_PERSON_SCORE);
  if (counted.length >= 2) add('people', counted[1]!);
  if (counted.length >= CROWD) add('crowd', counted[CROWD - 1]!);

  const words = (detections.text?.lines ?? []).flatMap((line) => line.words);
  if (words.length > 0) add('text', words.reduce((sum, w) => sum + w.confidence, 0) / words.length);

  return [...tags]
    .map(([name, score]) => ({ name, confidence: confidence(score) }))
    .sort((a, b) => b.confidence - a.confidence || a.name.localeCompare(b.name));
}
