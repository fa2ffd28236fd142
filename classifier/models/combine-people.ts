import { coverage } from './box-geometry.js';
import type { FaceDetection } from './face-detector.js';
import type { LabelledBox } from './object-suppression.js';
import type { Box } from './vision-models.js';

/** A face at least this much inside a person box is that person's face. */
const FACE_IN_PERSON = 0.5;

/**
 * People = CenterNet's "person" boxes, plus each confirmed face that lies outside every person box (a head-and-
 * shoulders crop, or someone mostly hidden in a crowd, where the body detector finds no body). Such a person's box
 * is the face box. Bodies come first: in the fixtures CenterNet found 11 of ~20 runners, BlazeFace 2 (frontal faces
 * only, none behind riot visors), so faces mostly add people the body detector missed.
 */
export function combinePeople(persons: readonly LabelledBox[], faces: readonly FaceDetection[]): { box: Box; score: number }[] {
  const bodies = persons.filter((p) => p.label === 'person').map(({ box, score }) => ({ box, score }));
  const lone = faces.filter((face) => !bodies.some((body) => coverage(face.box, body.box) >= FACE_IN_PERSON));
  return [...bodies, ...lone].sort((a, b) => b.score - a.score);
}
