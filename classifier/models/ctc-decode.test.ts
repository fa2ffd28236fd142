import { describe, expect, it } from 'vitest';
import { ctcWords } from './ctc-decode.js';

const CHARSET = ['', 'A', 'B', ' '];

/** One row of probabilities per time step, the given class at `p`, the rest shared. */
function steps(classes: [number, number][]): Float32Array {
  const out = new Float32Array(classes.length * CHARSET.length);
  classes.forEach(([c, p], t) => {
    for (let k = 0; k < CHARSET.length; k++) out[t * CHARSET.length + k] = k === c ? p : (1 - p) / (CHARSET.length - 1);
  });
  return out;
}

describe('ctcWords', () => {
  it('collapses repeats, drops blanks, splits at spaces and averages each word', () => {
    const probabilities = steps([
      [1, 0.9],
      [1, 0.8],
      [0, 0.9],
      [1, 0.7],
      [3, 0.9],
      [2, 0.6],
      [2, 0.9],
    ]);
    expect(ctcWords(probabilities, 0, 7, CHARSET)).toEqual([
      { text: 'AA', confidence: expect.closeTo(0.8, 5), first: 0, last: 3 },
      { text: 'B', confidence: expect.closeTo(0.6, 5), first: 5, last: 5 },
    ]);
  });
});
