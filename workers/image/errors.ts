/** Why a photo cannot be analysed. None of these improves on retry, so workers report `AnalysisFailed` at once. */
export type PhotoRejectedCode = 'pixel-limit' | 'corrupt' | 'unsupported-format';

export class PhotoRejected extends Error {
  override readonly name = 'PhotoRejected';
  /** The same bytes fail the same way every time: never retry. */
  readonly retryable = false as const;

  constructor(
    readonly code: PhotoRejectedCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** "3.6 gigapixels", "24.5 megapixels": the unit a person reading the failure reason expects. */
export function formatPixels(pixels: number): string {
  if (pixels >= 1e9) return `${round(pixels / 1e9)} gigapixels`;
  return `${round(pixels / 1e6)} megapixels`;
}

function round(n: number): string {
  return Number(n.toFixed(n >= 10 ? 0 : 1)).toString();
}

export function pixelLimitExceeded(width: number, height: number, maxPixels: number): PhotoRejected {
  // "the 100 megapixel limit": the unit is an adjective there, so singular.
  return new PhotoRejected(
    'pixel-limit',
    `image is ${width}×${height} = ${formatPixels(width * height)}, over the ${formatPixels(maxPixels).replace(/s$/, '')} limit`,
  );
}
