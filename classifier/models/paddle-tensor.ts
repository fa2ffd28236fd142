/** Per-channel mean and standard deviation on a 0–1 scale, in the model's channel order (B, G, R). */
export interface Normalisation {
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
}

/** PaddleOCR's detector was trained on ImageNet-normalised pixels. */
export const DET_NORMALISATION: Normalisation = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };
/** The recognizer sees pixels scaled to −1…1. */
export const REC_NORMALISATION: Normalisation = { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] };

/**
 * Writes interleaved RGB pixels as normalised planes (N×3×H×W layout) into `target`, starting at `offset`, in B, G, R
 * order: PaddleOCR trains on OpenCV's BGR images. `planeWidth`/`planeHeight` may exceed the picture's; what is
 * outside it stays as it was (zeros: the padding the recognizer was trained with).
 */
export function writePlanes(
  rgb: Buffer,
  width: number,
  height: number,
  target: Float32Array,
  offset: number,
  planeWidth: number,
  planeHeight: number,
  { mean, std }: Normalisation,
): void {
  const plane = planeWidth * planeHeight;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 3;
      const to = offset + y * planeWidth + x;
      for (let c = 0; c < 3; c++) {
        // Plane c holds channel 2 − c of the RGB pixel (B first).
        target[to + c * plane] = ((rgb[from + 2 - c] ?? 0) / 255 - mean[c]!) / std[c]!;
      }
    }
  }
}
