import { describe, expect, it } from 'vitest';
import { pickKeyframes } from './pick-keyframes.js';

const at = (timestampSeconds: number, sceneScore: number | null = 0.5) => ({ timestampSeconds, sceneScore });
const times = (list: { timestampSeconds: number }[]) => list.map((c) => c.timestampSeconds);
const options = { max: 12, durationSeconds: 60, minGapSeconds: 0.5 };

describe('pickKeyframes', () => {
  it('keeps all candidates when they fit and are apart', () => {
    const candidates = [at(0, null), at(3), at(10), at(20)];
    expect(pickKeyframes(candidates, options)).toEqual(candidates);
  });

  it('keeps the strongest of a burst within the minimum gap (the Tears of Steel robot-head shot)', () => {
    const burst = [at(0, null), at(7.708, 0.744), at(8.0, 0.334), at(8.083, 0.354), at(8.25, 0.37), at(8.417, 0.407), at(8.5, 0.389)];
    expect(times(pickKeyframes(burst, { ...options, durationSeconds: 10 }))).toEqual([0, 7.708, 8.417]);
  });

  it('always keeps the first frame, even next to a strong cut', () => {
    expect(times(pickKeyframes([at(0, null), at(0.2, 0.9), at(5, 0.4)], options))).toEqual([0, 5]);
    expect(times(pickKeyframes([at(1, null), at(5, 0.9)], { ...options, max: 1 }))).toEqual([1]);
  });

  it('spreads a bounded selection over the whole video, strongest first in each span', () => {
    // 40 cuts in the first 10 s, strong, and 3 weak ones later: the later ones still get places.
    const early = Array.from({ length: 40 }, (_, i) => at(1 + i * 0.25, 0.9 - i * 0.001));
    const late = [at(25, 0.31), at(41, 0.32), at(55, 0.33)];
    const picked = pickKeyframes([at(0, null), ...early, ...late], { ...options, max: 6 });
    expect(picked).toHaveLength(6);
    expect(times(picked)).toEqual(expect.arrayContaining([0, 25, 41, 55]));
    expect(times(picked)).toEqual([...times(picked)].sort((a, b) => a - b));
  });

  it('fills empty spans with the strongest of the rest', () => {
    const candidates = [at(0, null), at(1, 0.9), at(2, 0.8), at(3, 0.7), at(4, 0.6)];
    expect(times(pickKeyframes(candidates, { ...options, max: 3 }))).toEqual([0, 1, 2]);
  });

  it('returns nothing for no candidates', () => {
    expect(pickKeyframes([], options)).toEqual([]);
  });
});
