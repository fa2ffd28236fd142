import { boxArea, clipBox, intersectionArea } from './box-geometry.js';
import type { Box, Point } from './vision-models.js';

export interface OcrWord {
  text: string;
  /** 0–100, as Tesseract gives it. */
  confidence: number;
  box: Box;
}

export type OcrLine = OcrWord[];

/** Tesseract's word confidence (0–100) below which a word on a photo is more often garbage than text. */
const MIN_WORD_CONFIDENCE = 75;
/** Short "words" (ww, al, oh) are the commonest garbage on textures; they need near-certainty. */
const MIN_SHORT_WORD_CONFIDENCE = 92;

/**
 * Whether a word read on a photo is worth reporting: at least 2 letters/digits, which make up at least half of it
 * (drops "—@—€w—", "\\", "|"), and a confidence that clears the bar for its length. Single characters are dropped:
 * on photos they are nearly always texture. Together these left no false word on the fixtures.
 */
export function plausibleWord(text: string, confidence: number): boolean {
  const alphanumerics = text.replace(/[^\p{L}\p{N}]/gu, '').length;
  if (alphanumerics < 2 || alphanumerics * 2 < text.length) return false;
  return confidence >= (alphanumerics <= 2 ? MIN_SHORT_WORD_CONFIDENCE : MIN_WORD_CONFIDENCE);
}

/** Two reads of one word overlap this much (of the smaller box): keep the more confident. */
const SAME_WORD_COVERAGE = 0.5;

/**
 * Merges the lines of several OCR passes: a word read by more than one pass is kept once (its most confident read),
 * lines left empty disappear, and lines come out in reading order (rows top to bottom, left to right in a row).
 */
export function mergeLines(lines: readonly OcrLine[]): OcrLine[] {
  const accepted = new Set<OcrWord>();
  const kept: OcrWord[] = [];
  for (const word of lines.flat().sort((a, b) => b.confidence - a.confidence)) {
    const smaller = (other: OcrWord) => Math.min(boxArea(word.box), boxArea(other.box));
    if (kept.some((other) => intersectionArea(word.box, other.box) >= SAME_WORD_COVERAGE * smaller(other))) continue;
    kept.push(word);
    accepted.add(word);
  }
  const merged = lines.map((line) => line.filter((word) => accepted.has(word))).filter((line) => line.length > 0);
  return readingOrder(merged);
}

function readingOrder(lines: OcrLine[]): OcrLine[] {
  const boxes = new Map(lines.map((line) => [line, lineBox(line)]));
  const byTop = [...lines].sort((a, b) => centreY(boxes.get(a)) - centreY(boxes.get(b)));
  const rows: { bottom: number; lines: OcrLine[] }[] = [];
  for (const line of byTop) {
    const box = boxes.get(line);
    const row = rows.at(-1);
    // A line whose middle is above the current row's bottom sits on that row.
    if (row !== undefined && box !== undefined && centreY(box) < row.bottom) {
      row.lines.push(line);
      row.bottom = Math.max(row.bottom, box.y + box.h);
    } else {
      rows.push({ bottom: box === undefined ? 0 : box.y + box.h, lines: [line] });
    }
  }
  return rows.flatMap((row) => row.lines.sort((a, b) => (boxes.get(a)?.x ?? 0) - (boxes.get(b)?.x ?? 0)));
}

const centreY = (box: Box | undefined) => (box === undefined ? 0 : box.y + box.h / 2);

export function lineBox(line: OcrLine): Box {
  const x0 = Math.min(...line.map((w) => w.box.x));
  const y0 = Math.min(...line.map((w) => w.box.y));
  const x1 = Math.max(...line.map((w) => w.box.x + w.box.w));
  const y1 = Math.max(...line.map((w) => w.box.y + w.box.h));
  return clipBox(x0, y0, x1, y1, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
}

/** Clockwise from the top left, as Image Analysis gives bounding polygons. */
export const polygonOf = (box: Box): Point[] => [
  { x: box.x, y: box.y },
  { x: box.x + box.w, y: box.y },
  { x: box.x + box.w, y: box.y + box.h },
  { x: box.x, y: box.y + box.h },
];
