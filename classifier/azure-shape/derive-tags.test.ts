import { describe, expect, it } from 'vitest';
import type { Box } from '../models/vision-models.js';
import { deriveTags } from './derive-tags.js';

const box: Box = { x: 0, y: 0, w: 10, h: 10 };
const people = (...scores: number[]) => scores.map((score) => ({ box, score }));

describe('deriveTags', () => {
  it("names each object at its surest detection's confidence, surest first", () => {
    const objects = [
      { box, label: 'car', score: 0.6 },
      { box, label: 'car', score: 0.9 },
      { box, label: 'dog', score: 0.7 },
    ];
    expect(deriveTags({ objects })).toEqual([
      { name: 'car', confidence: 0.9 },
      { name: 'dog', confidence: 0.7 },
    ]);
  });

  it('leaves out tags under 0.3', () => {
    expect(deriveTags({ objects: [{ box, label: 'kite', score: 0.29 }] })).toEqual([]);
  });

  it('says person, people from two people of 0.3 or more, crowd from five', () => {
    expect(deriveTags({ people: people(0.9) })).toEqual([{ name: 'person', confidence: 0.9 }]);
    expect(deriveTags({ people: people(0.9, 0.7, 0.25) })).toEqual([
      { name: 'person', confidence: 0.9 },
      { name: 'people', confidence: 0.7 },
    ]);
    expect(deriveTags({ people: people(0.9, 0.8, 0.8, 0.7, 0.6, 0.2) })).toContainEqual({ name: 'crowd', confidence: 0.6 });
  });

  it('counts person objects when the people detector did not run, never both', () => {
    const objects = [
      { box, label: 'person', score: 0.8 },
      { box, label: 'person', score: 0.75 },
    ];
    expect(deriveTags({ objects })).toContainEqual({ name: 'people', confidence: 0.75 });
    expect(deriveTags({ objects, people: people(0.9) })).not.toContainEqual(expect.objectContaining({ name: 'people' }));
  });

  it("says text when words were read, at their mean confidence, and nothing it did not measure (no 'outdoor')", () => {
    const word = (confidence: number) => ({ text: 'x', polygon: [], confidence });
    const tags = deriveTags({ text: { lines: [{ text: 'x x', polygon: [], words: [word(0.9), word(0.7)] }] } });
    expect(tags).toEqual([{ name: 'text', confidence: 0.8 }]);
    expect(deriveTags({})).toEqual([]);
  });
});
