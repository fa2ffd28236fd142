export interface PhotoMetadata {
  byline: string | null;
  credit: string | null;
  caption: string | null;
  headline: string | null;
  copyright: string | null;
  keywords: string[];
  city: string | null;
  country: string | null;
  /** ISO 8601; with an offset only when the file records one (see capture-date.ts). */
  capturedAt: string | null;
  camera: { make: string | null; model: string | null } | null;
  /** Decimal degrees (south and west negative); altitude in metres, negative below sea level. */
  gps: { latitude: number; longitude: number; altitude?: number } | null;
}

export interface PhotoThumbnail {
  /** The slot: the longest side is at most this many pixels (the image is never enlarged to fill it). */
  width: 320 | 1280;
  /** The thumbnail's real size in pixels. */
  pixelWidth: number;
  pixelHeight: number;
  webp: Buffer;
}

export interface PhotoAnalysis {
  /** As displayed, i.e. after EXIF orientation is applied. */
  width: number;
  height: number;
  /** sharp's name for the container: 'jpeg', 'png', 'webp', 'tiff', 'gif', 'heif'. */
  format: string;
  /** libvips interpretation of the stored pixels: 'srgb', 'b-w', 'cmyk', 'rgb16', … */
  colourSpace: string;
  hasAlpha: boolean;
  /** EXIF Orientation 1–8 as stored, or null when the file has none. */
  orientation: number | null;
  metadata: PhotoMetadata;
  /** "#rrggbb", most common first. */
  dominantColours: string[];
  /** 64-bit dHash of the displayed image as 16 hex digits; see perceptual-hash.ts. */
  perceptualHash: string;
  thumbnails: PhotoThumbnail[];
}

export interface AnalyzePhotoOptions {
  /** Width × height above which a photo is refused before any pixel is decoded, e.g. 100_000_000. */
  maxPixels: number;
}
