import { describe, expect, it } from 'vitest';
import { lineBox, mergeLines, plausibleWord, polygonOf, type OcrWord } from './ocr-words.js';

const word = (text: string, confidence: number, x: number, y: number, w = 40, h = 20): OcrWord => ({
  text,
  confidence,
  box: { x, y, w, h },
});

describe('plausibleWord', () => {
  it.each([
    ['POLICE', 95, true],
    ['CARS/RV', 89, true],
    ['365', 96, true],
    ['12', 96, true],
    ['POLICE', 70, false],
    ['ww', 88, false],
    ['al', 90, false],
    ['J', 99, false],
    ['—@—€w—', 95, false],
    ['\\', 93, false],
  ])('%s at %i: %s', (text, confidence, expected) => {
    expect(plausibleWord(text, confidence)).toBe(expected);
  });
});

describe('mergeLines', () => {
  it('keeps the most confident read of a word found by two passes', () => {
    const layout = [word('TRUCKS', 96, 100, 10), word('ONLY', 80, 150, 10)];
    const sparse = [word('TRUCK', 90, 101, 11), word('BUSES', 95, 300, 10)];
    const merged = mergeLines([layout, sparse]);
    expect(merged.map((line) => line.map((w) => w.text))).toEqual([['TRUCKS', 'ONLY'], ['BUSES']]);
  });

  it('orders lines in rows top to bottom, left to right in a row', () => {
    const merged = mergeLines([[word('WAY', 90, 10, 100)], [word('TWO', 90, 200, 12)], [word('ONE', 90, 10, 10)]]);
    expect(merged.map((line) => line[0]?.text)).toEqual(['ONE', 'TWO', 'WAY']);
  });
});

describe('line geometry', () => {
  it('bounds a line by its words, and gives polygons clockwise from the top left', () => {
    const box = lineBox([word('A1', 99, 10, 20, 30, 10), word('B2', 99, 50, 18, 30, 14)]);
    expect(box).toEqual({ x: 10, y: 18, w: 70, h: 14 });
    expect(polygonOf(box)).toEqual([
      { x: 10, y: 18 },
      { x: 80, y: 18 },
      { x: 80, y: 32 },
      { x: 10, y: 32 },
    ]);
  });
});
