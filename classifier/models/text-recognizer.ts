import type { InferenceSession } from 'onnxruntime-node';
import { Tensor } from 'onnxruntime-node';
import { clipBox } from './box-geometry.js';
import { ctcWords } from './ctc-decode.js';
import { REC_NORMALISATION, writePlanes } from './paddle-tensor.js';
import { rawImage } from './raw-image.js';
import type { Box, DecodedImage } from './vision-models.js';

/** A recognised word, in pixels of the decoded image; confidence 0–1. */
export interface RecognisedWord {
  text: string;
  confidence: number;
  box: Box;
}

/** PP-OCRv4's recognizer reads lines 48 px high. */
const LINE_HEIGHT = 48;
/** A crop wider than this (a line of about 40 characters) is squeezed: longer lines are rare on photos. */
const MAX_LINE_WIDTH = 1280;
/** Crops of similar widths are read together, padded to the widest. */
const BATCH = 8;

interface Crop {
  box: Box;
  pixels: Buffer;
  width: number;
  /** Text boxes much taller than wide are read turned 90° anticlockwise, as PaddleOCR does. */
  turned: boolean;
}

/**
 * Reads the text in each box with PaddleOCR's CRNN recognizer: the box is cut out with sharp, scaled to 48 px high
 * (width in proportion), normalised to −1…1 and decoded greedily (CTC). Returns each box's words, in box order.
 */
export async function recogniseText(
  session: InferenceSession,
  charset: readonly string[],
  image: DecodedImage,
  boxes: readonly Box[],
): Promise<RecognisedWord[][]> {
  const crops = await Promise.all(boxes.map((box) => cropLine(image, box)));
  const lines: RecognisedWord[][] = boxes.map(() => []);
  const order = crops.map((_, i) => i).sort((a, b) => (crops[a]?.width ?? 0) - (crops[b]?.width ?? 0));
  for (let start = 0; start < order.length; start += BATCH) {
    const members = order.slice(start, start + BATCH);
    const batch = members.map((i) => crops[i] as Crop);
    const width = Math.max(...batch.map((crop) => crop.width));
    const plane = LINE_HEIGHT * width;
    const input = new Float32Array(batch.length * 3 * plane);
    batch.forEach((crop, n) =>
      writePlanes(crop.pixels, crop.width, LINE_HEIGHT, input, n * 3 * plane, width, LINE_HEIGHT, REC_NORMALISATION),
    );
    const inputName = session.inputNames[0] ?? 'x';
    const outputs = await session.run({ [inputName]: new Tensor('float32', input, [batch.length, 3, LINE_HEIGHT, width]) });
    const output = outputs[session.outputNames[0] ?? ''];
    if (!output) throw new Error('The text recognizer gave no output');
    const [, steps = 0, classes = 0] = output.dims;
    if (classes !== charset.length) throw new Error(`The recognizer has ${classes} classes, the keys file ${charset.length}`);
    const probabilities = output.data as Float32Array;
    batch.forEach((crop, n) => {
      const words = ctcWords(probabilities, n * steps * classes, steps, charset);
      // Output steps are evenly spaced over the padded input: map each word's steps back to the crop.
      const pixelsPerStep = width / steps;
      lines[members[n] ?? 0] = words.map(({ text, confidence, first, last }) => ({
        text,
        confidence,
        box: crop.turned ? crop.box : wordBox(crop, (first - 0.5) * pixelsPerStep, (last + 1.5) * pixelsPerStep),
      }));
    });
  }
  return lines;
}

async function cropLine(image: DecodedImage, box: Box): Promise<Crop> {
  const turned = box.h >= 1.5 * box.w;
  const [long, short] = turned ? [box.h, box.w] : [box.w, box.h];
  const width = Math.max(1, Math.min(MAX_LINE_WIDTH, Math.ceil((LINE_HEIGHT * long) / Math.max(1, short))));
  const area = { left: box.x, top: box.y, width: Math.max(1, box.w), height: Math.max(1, box.h) };
  // Cut first, in a pipeline of its own: in one pipeline with rotate and resize, sharp applies the extract to the
  // rotated picture, so a tall box near the right edge of a landscape picture falls outside it ("bad extract area").
  const cut = turned
    ? rawImage({ data: await rawImage(image).extract(area).raw().toBuffer(), width: area.width, height: area.height }).rotate(270)
    : rawImage(image).extract(area);
  const pixels = await cut.resize({ width, height: LINE_HEIGHT, fit: 'fill' }).raw().toBuffer();
  return { box, pixels, width, turned };
}

/** The part of a line's box between two x positions of its scaled crop. */
function wordBox(crop: Crop, x0: number, x1: number): Box {
  const scale = crop.box.w / crop.width;
  const left = crop.box.x + Math.max(0, x0) * scale;
  const right = crop.box.x + Math.min(crop.width, x1) * scale;
  return clipBox(left, crop.box.y, right, crop.box.y + crop.box.h, crop.box.x + crop.box.w, crop.box.y + crop.box.h);
}
