import Tesseract from 'tesseract.js';
import { rawImage } from './raw-image.js';
import type { DecodedImage } from './vision-models.js';

/** One way of showing the picture to Tesseract; passes find different text and are merged. */
export interface OcrPass {
  name: string;
  /** The picture is scaled so its long side is this (enlarged at most MAX_UPSCALE times). */
  longSide: number;
  /** Luminance only; otherwise RGB, where Tesseract's Otsu thresholds the channel with the clearest split. */
  grey: boolean;
  psm: Tesseract.PSM;
}

/** The image handed to Tesseract, and the factor from its pixels back to the decoded image's. */
export interface OcrView {
  pnm: Buffer;
  /** view pixels = decoded pixels × scale */
  scale: number;
}

/** Enlarging a small picture more than this adds no detail for Tesseract, only time. */
const MAX_UPSCALE = 4;

/**
 * Chosen on the fixtures' signs (highway gantry, police cars, riot street, race bibs: 22 readable words) and 4 photos
 * without text, with the word filter of ocr-words.ts. Tesseract on scene text is erratic — a word read at one scale
 * is lost at the next — so two passes that fail differently are merged:
 *   layout (grey, long side 2560, automatic page layout) reads the gantry: NEXUS FAST BUSES TRUCKS;
 *   sparse (RGB, long side 1280, sparse text) reads POLICE, ONE WAY, 365.
 * Together 8/22 words and no false word, ~0.7 s per photo. A third pass (grey 2560 sparse) added only CARS/RV for
 * +0.9 s; 1024 px tiles gained words at some tile offsets and lost them at others; Sauvola or tiled-Otsu thresholds
 * and negated images read nothing more.
 */
export const OCR_PASSES: readonly OcrPass[] = [
  { name: 'layout', longSide: 2560, grey: true, psm: Tesseract.PSM.AUTO },
  { name: 'sparse', longSide: 1280, grey: false, psm: Tesseract.PSM.SPARSE_TEXT },
];

export async function viewFor(image: DecodedImage, pass: OcrPass): Promise<OcrView> {
  const long = Math.min(pass.longSide, Math.round(Math.max(image.width, image.height) * MAX_UPSCALE));
  let pipeline = rawImage(image).resize({ width: long, height: long, fit: 'inside' });
  if (pass.grey) pipeline = pipeline.greyscale();
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  // PNM (P5 grey, P6 RGB): Leptonica reads it with no encoding cost.
  const header = Buffer.from(`${info.channels === 1 ? 'P5' : 'P6'}\n${info.width} ${info.height}\n255\n`);
  return { pnm: Buffer.concat([header, data]), scale: info.width / image.width };
}
