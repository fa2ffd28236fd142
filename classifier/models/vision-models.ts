/**
 * The classifier service's view of its models: what they detect in one decoded image, before it
 * is shaped as an Image Analysis 4.0 response. Loaded once per process from weights inside npm
 * packages (no download at run time); see classifier/MODELS.md for versions, licences and origins.
 */
export interface DecodedImage {
  /** Auto-oriented sRGB pixels, 3 channels, row-major. */
  data: Buffer;
  width: number;
  height: number;
}

/** In pixels of the decoded image. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Detections {
  /** COCO-style objects: `label` in lower case ("person", "car", "dog"), `score` 0–1. */
  objects?: { box: Box; label: string; score: number }[];
  /** People (bodies or faces found), `score` 0–1. */
  people?: { box: Box; score: number }[];
  /** Text read from the image, in reading order. */
  text?: { lines: { text: string; polygon: Point[]; words: { text: string; polygon: Point[]; confidence: number }[] }[] };
  /** Content-safety classes and their probabilities, e.g. { Neutral: 0.97, Porn: 0.01, … }. */
  safety?: Record<string, number>;
}

export type Detector = 'objects' | 'people' | 'read' | 'safety';

export interface VisionModels {
  /** e.g. "newsdesk-2026-11-22" — goes into the response's `modelVersion`. */
  readonly modelVersion: string;
  /** What these models can detect; a feature that needs something else is refused, not faked. */
  readonly detectors: ReadonlySet<Detector>;
  /** Runs only the detectors asked for. */
  detect(image: DecodedImage, wanted: ReadonlySet<Detector>, signal?: AbortSignal): Promise<Detections>;
  close(): Promise<void>;
}
