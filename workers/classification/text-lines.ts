import type { ImageAnalysisResult } from '../../contracts/classification.js';

export interface TextLine {
  /** Whitespace collapsed, so the same sign read in two frames is the same line. */
  text: string;
  /** Mean of the line's word confidences (Azure gives none per line); 0 for a line without words. */
  confidence: number;
}

/** The lines Read found in one image, in reading order, at or above `minConfidence`; a line read twice counts once. */
export function textLinesOf(result: ImageAnalysisResult, minConfidence = 0.5): TextLine[] {
  const lines = new Map<string, TextLine>();
  for (const block of result.readResult?.blocks ?? []) {
    for (const line of block.lines) {
      const text = line.text.replace(/\s+/g, ' ').trim();
      const confidence = line.words.length ? line.words.reduce((sum, w) => sum + w.confidence, 0) / line.words.length : 0;
      if (!text || confidence < minConfidence) continue;
      const seen = lines.get(text);
      if (!seen || seen.confidence < confidence) lines.set(text, { text, confidence });
    }
  }
  return [...lines.values()];
}
