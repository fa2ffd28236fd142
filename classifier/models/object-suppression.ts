import { iou } from './box-geometry.js';
import type { Box } from './vision-models.js';

export interface LabelledBox {
  box: Box;
  label: string;
  score: number;
}

/** Same-class boxes overlapping more than this are one object (CenterNet often peaks twice on a large object). */
const SAME_CLASS_IOU = 0.5;
/**
 * Different-class boxes overlapping more than this are one object given two names (the pickup as "car" 0.52 and
 * "truck" 0.29, a cat as "cat" and "dog"): keep the likelier name, as Azure gives one name per object. Lower would
 * merge a rider with the bicycle under them.
 */
const CROSS_CLASS_IOU = 0.7;

/** Greedy non-maximum suppression over all classes, best score first. */
export function suppressDuplicates<T extends LabelledBox>(candidates: readonly T[]): T[] {
  const kept: T[] = [];
  for (const candidate of [...candidates].sort((a, b) => b.score - a.score)) {
    const duplicate = kept.some((k) => iou(k.box, candidate.box) > (k.label === candidate.label ? SAME_CLASS_IOU : CROSS_CLASS_IOU));
    if (!duplicate) kept.push(candidate);
  }
  return kept;
}
