import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImage } from '../classifier/image/decode-image.js';
import { PaddleReader } from '../classifier/models/paddle-reader.js';
import type { DecodedImage, Detections } from '../classifier/models/vision-models.js';
import { OCR_FIXTURES, ocrTokens, scoreWords } from './ocr-fixtures.js';
import { percentile } from './percentile.js';
import type { Figure } from './report.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const FIXTURES = resolve(HERE, '../../test/fixtures');
/** Written once from tesseract.js's two passes, before they were replaced (see the file's `measured`). */
const BEFORE = resolve(HERE, '../../bench/ocr-quality-before.json');
/** The service decodes to a long side of at most 2048 (classifier/MODELS.md). */
const MAX_SIDE = 2048;
const RUNS = 3;

type ReadResult = NonNullable<Detections['text']>;
export type Read = (image: DecodedImage) => Promise<ReadResult>;

export interface OcrMeasurement {
  engine: string;
  /** When, at what load average and how a recorded measurement was made. */
  measured?: { at: string; load: string; how: string };
  fixtures: { name: string; expected: number; found: number; falseWords: string[]; ms: number; read: string[] }[];
  found: number;
  expected: number;
  falseWords: number;
  msWithText: number;
  msWithoutText: number;
}

/** The picture as the classifier service decodes it for its models. */
async function decode(name: string): Promise<DecodedImage> {
  return (
    await decodeImage(readFileSync(resolve(FIXTURES, name)), { maxBytes: 50 * 1024 * 1024, maxPixels: 100_000_000, maxSide: MAX_SIDE })
  ).image;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/** Words read and false words on every fixture, and the median time of RUNS reads of each (after one warm-up). */
export async function measureOcr(engine: string, read: Read): Promise<OcrMeasurement> {
  const fixtures: OcrMeasurement['fixtures'] = [];
  for (const fixture of OCR_FIXTURES) {
    const image = await decode(fixture.name);
    const result = await read(image);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await read(image);
      times.push(performance.now() - started);
    }
    const words = result.lines.flatMap((line) => ocrTokens(line.text));
    const { found, falseWords } = scoreWords(words, fixture);
    fixtures.push({
      name: fixture.name,
      expected: fixture.expected.length,
      found,
      falseWords,
      ms: Math.round(percentile(times, 50)),
      read: words,
    });
  }
  const sum = (pick: (f: OcrMeasurement['fixtures'][number]) => number) => fixtures.reduce((total, f) => total + pick(f), 0);
  return {
    engine,
    fixtures,
    found: sum((f) => f.found),
    expected: sum((f) => f.expected),
    falseWords: sum((f) => f.falseWords.length),
    msWithText: Math.round(mean(fixtures.filter((f) => f.expected > 0).map((f) => f.ms))),
    msWithoutText: Math.round(mean(fixtures.filter((f) => f.expected === 0).map((f) => f.ms))),
  };
}

/** Figures of a measurement, each next to the same figure of `before` (tesseract, recorded before it was removed). */
export function ocrFigures(after: OcrMeasurement, before: OcrMeasurement): Figure[] {
  const figures: Figure[] = after.fixtures.map((fixture) => {
    const old = before.fixtures.find((f) => f.name === fixture.name);
    return {
      name: `${fixture.name}: words read of ${fixture.expected}, false words`,
      value: fixture.found,
      unit: 'words',
      compare: {
        'false words': fixture.falseWords.length,
        [`${before.engine} read`]: old?.found ?? NaN,
        [`${before.engine} false`]: old?.falseWords.length ?? NaN,
      },
      notes: `read: ${fixture.read.join(' ') || '(nothing)'}; false: ${fixture.falseWords.join(' ') || '(none)'}`,
    };
  });
  figures.push(
    {
      name: `all fixtures: words read of ${after.expected}`,
      value: after.found,
      unit: 'words',
      goal: { op: '>=', value: before.found },
      compare: { [before.engine]: before.found },
    },
    {
      name: 'pictures without text: words read (none is right)',
      value: textFree(after),
      unit: 'words',
      goal: { op: '<=', value: 0 },
      compare: { [before.engine]: textFree(before) },
    },
    {
      name: 'all fixtures: false words (fragments and misreads of real text count)',
      value: after.falseWords,
      unit: 'words',
      compare: { [before.engine]: before.falseWords },
    },
    {
      name: 'ms per image with text (median of runs, mean over fixtures)',
      value: after.msWithText,
      unit: 'ms',
      compare: { [before.engine]: before.msWithText },
    },
    {
      name: 'ms per image without text',
      value: after.msWithoutText,
      unit: 'ms',
      compare: { [before.engine]: before.msWithoutText },
    },
  );
  return figures;
}

const textFree = (m: OcrMeasurement) => m.fixtures.filter((f) => f.expected === 0).reduce((n, f) => n + f.read.length, 0);

export const readBefore = (): OcrMeasurement => JSON.parse(readFileSync(BEFORE, 'utf8')) as OcrMeasurement;

/**
 * `npm run bench -- ocr`: PaddleOCR (the classifier's `read`, one onnxruntime thread as in a pooled model thread) on
 * the fixtures against the expected words of bench/ocr-fixtures.ts, next to tesseract.js's figures recorded before it
 * was replaced (bench/ocr-quality-before.json; tesseract is no longer in the code, so it cannot run in the same run).
 */
export async function benchOcr(): Promise<Figure[]> {
  const reader = await PaddleReader.load({ intraOpNumThreads: 1 });
  try {
    const after = await measureOcr('paddle', (image) => reader.read(image));
    const before = readBefore();
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; before (${before.engine}) measured at load ${before.measured?.load}`,
    );
    console.log(['fixture', 'expected', 'tesseract read/false/ms', 'paddle read/false/ms'].join(' | '));
    for (const f of after.fixtures) {
      const b = before.fixtures.find((old) => old.name === f.name);
      console.log(
        [f.name, f.expected, `${b?.found}/${b?.falseWords.length}/${b?.ms}`, `${f.found}/${f.falseWords.length}/${f.ms}`].join(' | '),
      );
    }
    return ocrFigures(after, before);
  } finally {
    await reader.close();
  }
}
