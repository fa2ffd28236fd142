import { fitWithin, resizeRaw } from './raw-image.js';
import type { DecodedImage, Detector } from './vision-models.js';

/** The input sizes of the tfjs models, fixed by their weights. */
export const MODEL_INPUT = {
  /** CenterNet's square input side (its signature says 1×512×512×3). */
  objectsSide: 512,
  /** BlazeFace sees a 256×256 copy and FaceMesh 192×192 crops, so more pixels than this only cost time. */
  facesMaxSide: 1280,
  /** MobileNetV2's input side (nsfwjs). */
  safetySide: 224,
} as const;

/**
 * The pixels each model takes of one decoded image, resized once per request (in the request path, by sharp on
 * libvips' threads) instead of by each model in the models' thread. Only what `wanted` needs is made.
 */
export interface ModelInputs {
  /** The decoded image's size: every box is given in its pixels. */
  width: number;
  height: number;
  /** The decoded image itself (OCR reads it). */
  image?: DecodedImage;
  /** CenterNet (objects, and bodies for people): letterboxed at the top left into 512×512, black around. */
  objects?: DecodedImage;
  /** BlazeFace + FaceMesh (faces for people): scaled to fit 1280 (never enlarged). */
  faces?: DecodedImage;
  /** MobileNetV2 (safety): scaled to a 224 short side; the model takes square crops of it. */
  safety?: DecodedImage;
}

export async function prepareModelInputs(image: DecodedImage, wanted: ReadonlySet<Detector>): Promise<ModelInputs> {
  const { objectsSide: side, facesMaxSide, safetySide } = MODEL_INPUT;
  const letterbox = { fit: 'contain', position: 'left top', background: { r: 0, g: 0, b: 0 } } as const;
  const [objects, faces, safety] = await Promise.all([
    wanted.has('objects') || wanted.has('people') ? resizeRaw(image, side, side, letterbox) : undefined,
    wanted.has('people') ? fitWithin(image, facesMaxSide) : undefined,
    wanted.has('safety') ? resizeRaw(image, safetySide, safetySide, { fit: 'outside' }) : undefined,
  ]);
  return {
    width: image.width,
    height: image.height,
    ...(wanted.has('read') ? { image } : {}),
    ...(objects ? { objects } : {}),
    ...(faces ? { faces } : {}),
    ...(safety ? { safety } : {}),
  };
}
