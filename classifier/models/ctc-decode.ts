/** A word of a recognised line: its text, the mean probability of its characters, and the time steps it spans. */
export interface CtcWord {
  text: string;
  confidence: number;
  /** First and last time step (column of the recognizer's output) of the word's characters. */
  first: number;
  last: number;
}

/**
 * Greedy CTC decoding of one line: the likeliest class at each time step, repeats collapsed, blanks (class 0)
 * dropped, then split into words at spaces. `probabilities` holds `steps × charset.length` softmax outputs;
 * `charset[0]` is the blank.
 */
export function ctcWords(probabilities: Float32Array, offset: number, steps: number, charset: readonly string[]): CtcWord[] {
  const classes = charset.length;
  const words: CtcWord[] = [];
  let text = '';
  let sum = 0;
  let first = 0;
  let last = 0;
  const flush = () => {
    if (text !== '') words.push({ text, confidence: sum / [...text].length, first, last });
    text = '';
    sum = 0;
  };
  let previous = 0;
  for (let t = 0; t < steps; t++) {
    const row = offset + t * classes;
    let best = 0;
    let bestProbability = probabilities[row] ?? 0;
    for (let c = 1; c < classes; c++) {
      const p = probabilities[row + c] ?? 0;
      if (p > bestProbability) {
        best = c;
        bestProbability = p;
      }
    }
    if (best !== 0 && best !== previous) {
      const char = charset[best] ?? '';
      if (char === ' ') flush();
      else {
        if (text === '') first = t;
        text += char;
        sum += bestProbability;
        last = t;
      }
    }
    previous = best;
  }
  flush();
  return words;
}
