import path from 'node:path';
import Tesseract from 'tesseract.js';
import { clipBox } from './box-geometry.js';
import { OCR_PASSES, viewFor, type OcrPass, type OcrView } from './ocr-passes.js';
import { mergeLines, lineBox, plausibleWord, polygonOf, type OcrLine } from './ocr-words.js';
import { packageDir } from './package-paths.js';
import type { DecodedImage, Detections } from './vision-models.js';

export type ReadResult = NonNullable<Detections['text']>;

/**
 * English OCR with tesseract.js (Tesseract 5 compiled to wasm) in its own worker thread, so it runs beside tfjs on the
 * main thread. Everything comes from node_modules: `langPath` is @tesseract.js-data/eng's LSTM-only integer model
 * (4.0.0_best_int, 2.9 MB), `cacheMethod: 'none'` keeps it from writing eng.traineddata into the working directory.
 */
export class TesseractReader {
  private constructor(
    private readonly worker: Tesseract.Worker,
    private readonly passes: readonly OcrPass[],
  ) {}

  static async load(passes: readonly OcrPass[] = OCR_PASSES): Promise<TesseractReader> {
    const langPath = path.join(packageDir('@tesseract.js-data/eng'), '4.0.0_best_int');
    let worker: Tesseract.Worker;
    try {
      worker = await Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, {
        langPath,
        cacheMethod: 'none',
        gzip: true,
        workerPath: path.join(packageDir('tesseract.js'), 'src', 'worker-script', 'node', 'index.js'),
        // Only read in browsers; in Node the worker requires tesseract.js-core itself (the SIMD build where supported).
        corePath: packageDir('tesseract.js-core'),
        logger: () => undefined,
      });
      // Tesseract's diagnostics ("Estimating resolution as …") would go to stderr.
      await worker.setParameters({ debug_file: '/dev/null' });
    } catch (error) {
      throw new Error(`The OCR model (tesseract.js, eng from ${langPath}) did not load: ${String(error)}`, { cause: error });
    }
    return new TesseractReader(worker, passes);
  }

  /** Not reentrant (parameters are set per pass on the one worker): callers serialise. */
  async read(image: DecodedImage, signal?: AbortSignal): Promise<ReadResult> {
    const lines: OcrLine[] = [];
    for (const pass of this.passes) {
      const view = await viewFor(image, pass);
      signal?.throwIfAborted();
      await this.worker.setParameters({ tessedit_pageseg_mode: pass.psm });
      const { data } = await this.worker.recognize(view.pnm, {}, { blocks: true, text: false });
      lines.push(...linesOf(data, view, image));
    }
    return {
      lines: mergeLines(lines).map((line) => ({
        text: line.map((word) => word.text).join(' '),
        polygon: polygonOf(lineBox(line)),
        words: line.map((word) => ({ text: word.text, polygon: polygonOf(word.box), confidence: word.confidence / 100 })),
      })),
    };
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The plausible words of each line Tesseract found, in pixels of the decoded image. */
function linesOf(page: Tesseract.Page, view: OcrView, image: DecodedImage): OcrLine[] {
  const toImage = (x: number, y: number) => [x / view.scale, y / view.scale] as const;
  return (page.blocks ?? [])
    .flatMap((block) => block.paragraphs.flatMap((paragraph) => paragraph.lines))
    .map((line) =>
      line.words
        .filter((word) => plausibleWord(word.text, word.confidence))
        .map((word) => {
          const [x0, y0] = toImage(word.bbox.x0, word.bbox.y0);
          const [x1, y1] = toImage(word.bbox.x1, word.bbox.y1);
          return { text: word.text, confidence: word.confidence, box: clipBox(x0, y0, x1, y1, image.width, image.height) };
        }),
    )
    .filter((line) => line.length > 0);
}
