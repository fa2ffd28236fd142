import { describe, expect, it } from 'vitest';
import { contentSafety } from './content-safety.js';

const classes = (porn: number, hentai: number, sexy: number) => ({
  Drawing: 0,
  Hentai: hentai,
  Neutral: 1 - porn - hentai - sexy,
  Porn: porn,
  Sexy: sexy,
});

describe('contentSafety', () => {
  it('is safe when neither adult nor racy scores reach their thresholds', () => {
    expect(contentSafety(classes(0.1, 0.1, 0.49))).toMatchObject({ verdict: 'safe', adultScore: 0.2, racyScore: 0.49 });
  });

  it('is suggestive from a racy score of 0.5, or an adult score of 0.25', () => {
    expect(contentSafety(classes(0, 0, 0.5)).verdict).toBe('suggestive');
    expect(contentSafety(classes(0.2, 0.05, 0)).verdict).toBe('suggestive');
  });

  it('is explicit from an adult score (porn + hentai) of 0.6', () => {
    expect(contentSafety(classes(0.3, 0.3, 0.1))).toMatchObject({ verdict: 'explicit', adultScore: 0.6 });
  });

  it("keeps the model's classes, rounded, and reads them whatever their case", () => {
    expect(contentSafety({ porn: 0.123456, neutral: 0.876544 })).toEqual({
      verdict: 'safe',
      adultScore: 0.1235,
      racyScore: 0,
      scores: { porn: 0.1235, neutral: 0.8765 },
    });
  });
});
