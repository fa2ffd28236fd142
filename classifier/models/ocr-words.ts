import { clipBox } from './box-geometry.js';
import type { Box, Point } from './vision-models.js';

export interface OcrWord {
  text: string;
  /** 0–1: the mean probability of the word's characters. */
  confidence: number;
  box: Box;
}

export type OcrLine = OcrWord[];

/**
 * The mean character probability below which a word on the fixtures was mostly a misread or a fragment (LCEI for a
 * tilted POLICE 0.85, S10,000 0.85, l000 0.58); words read right scored 0.92–1.00.
 */
const MIN_WORD_CONFIDENCE = 0.9;
/** Two-character reads (18 on a light bar 0.85–0.91, fragments RE 0.95 and CO 0.97) need near-certainty; 12 and 45 read 0.99+. */
const MIN_SHORT_WORD_CONFIDENCE = 0.98;
/**
 * What Azure's Read returns for news photos in Latin script: letters (with accents), digits and common punctuation.
 * The recognizer also knows ~6,600 Chinese characters, which on Latin-script photos are only ever misreads of texture.
 */
const LATIN = /^[A-Za-z0-9\u00C0-\u024F.,:;!?'"&%$€£@#()/+*-]+$/u;

/**
 * Whether a word read on a photo is worth reporting: Latin script, at least 2 letters/digits, which make up at least
 * half of it (drops "-.-", "/"), and a confidence that clears the bar for its length. Single characters are dropped:
 * on photos they are nearly always texture or a fragment of a word. Together these left no false word on the
 * pictures without text (bench/ocr-quality.ts).
 */
export function plausibleWord(text: string, confidence: number): boolean {
  if (!LATIN.test(text)) return false;
  const alphanumerics = text.replace(/[^\p{L}\p{N}]/gu, '').length;
  if (alphanumerics < 2 || alphanumerics * 2 < text.length) return false;
  return confidence >= (alphanumerics <= 2 ? MIN_SHORT_WORD_CONFIDENCE : MIN_WORD_CONFIDENCE);
}

/** Lines in reading order: rows top to bottom (a line whose middle is above a row's bottom sits on it), left to right. */
export function readingOrder(lines: OcrLine[]): OcrLine[] {
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
