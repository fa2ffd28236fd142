import { describe, expect, it } from 'vitest';
import { combinePeople } from './combine-people.js';
import { suppressDuplicates } from './object-suppression.js';

const box = (x: number, y: number, w: number, h: number) => ({ x, y, w, h });

describe('combinePeople', () => {
  it('counts bodies, and faces only where no body holds them', () => {
    const objects = [
      { box: box(0, 0, 100, 300), label: 'person', score: 0.7 },
      { box: box(200, 0, 100, 100), label: 'dog', score: 0.9 },
    ];
    const faces = [
      { box: box(30, 10, 40, 40), score: 0.9 },
      { box: box(400, 10, 40, 40), score: 0.8 },
    ];
    expect(combinePeople(objects, faces)).toEqual([
      { box: box(400, 10, 40, 40), score: 0.8 },
      { box: box(0, 0, 100, 300), score: 0.7 },
    ]);
  });
});

describe('suppressDuplicates', () => {
  it('keeps one box per object: same class above 0.5 IoU, another class above 0.7', () => {
    const kept = suppressDuplicates([
      { box: box(0, 0, 100, 100), label: 'cat', score: 0.49 },
      { box: box(5, 0, 100, 100), label: 'cat', score: 0.43 },
      { box: box(0, 0, 100, 100), label: 'dog', score: 0.2 },
      { box: box(40, 0, 100, 100), label: 'person', score: 0.6 },
    ]);
    expect(kept.map((k) => `${k.label} ${k.score}`)).toEqual(['person 0.6', 'cat 0.49']);
  });
});
