import { describe, expect, it } from 'vitest';
import { lineBox, plausibleWord, polygonOf, readingOrder, type OcrWord } from './ocr-words.js';

const word = (text: string, confidence: number, x: number, y: number, w = 40, h = 20): OcrWord => ({
  text,
  confidence,
  box: { x, y, w, h },
});

describe('plausibleWord', () => {
  it.each([
    ['POLICE', 0.97, true],
    ['CARS/RV', 0.93, true],
    ['$10,000', 0.92, true],
    ['Café', 0.95, true],
    ['12', 0.99, true],
    ['LCEI', 0.85, false],
    ['18', 0.91, false],
    ['R', 0.98, false],
    ['行', 0.99, false],
    ['POLICE中', 0.99, false],
    ['-.-', 0.99, false],
  ])('%s at %f: %s', (text, confidence, expected) => {
    expect(plausibleWord(text, confidence)).toBe(expected);
  });
});

describe('readingOrder', () => {
  it('orders lines in rows top to bottom, left to right in a row', () => {
    const ordered = readingOrder([[word('WAY', 0.9, 10, 100)], [word('TWO', 0.9, 200, 12)], [word('ONE', 0.9, 10, 10)]]);
    expect(ordered.map((line) => line[0]?.text)).toEqual(['ONE', 'TWO', 'WAY']);
  });
});

describe('line geometry', () => {
  it('bounds a line by its words, and gives polygons clockwise from the top left', () => {
    const box = lineBox([word('A1', 0.99, 10, 20, 30, 10), word('B2', 0.99, 50, 18, 30, 14)]);
    expect(box).toEqual({ x: 10, y: 18, w: 70, h: 14 });
    expect(polygonOf(box)).toEqual([
      { x: 10, y: 18 },
      { x: 80, y: 18 },
      { x: 80, y: 32 },
      { x: 10, y: 32 },
    ]);
  });
});
