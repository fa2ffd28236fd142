import type { ImageAnalysisFeature, ImageAnalysisResult } from '../../contracts/classification.js';

/**
 * The port the worker classifies images through. Adapter: ImageAnalysisClassifier, which speaks the
 * Azure AI Vision Image Analysis 4.0 REST API to Azure or to Newsdesk's classifier service.
 * Every adapter passes classifier.contract.ts.
 */
export interface Classifier {
  /** Classifies one encoded image (JPEG/PNG/WebP bytes). */
  analyze(image: Buffer, options: { features: readonly ImageAnalysisFeature[]; signal?: AbortSignal }): Promise<ImageAnalysisResult>;
}

/**
 * The classifier could not be reached or kept failing (5xx, 429, network, circuit open) within the
 * adapter's retry budget. The job may succeed later: the worker gives it back or fails it after its own budget.
 */
export class ClassifierUnavailable extends Error {
  override readonly name = 'ClassifierUnavailable';
  readonly retryable = true as const;
  /** The circuit is open (or on trial): the classifier is down for every image, not failing on this one. */
  readonly outage: boolean;
  constructor(message: string, options: { cause?: unknown; outage?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.outage = options.outage ?? false;
  }
}

/** The classifier refused this image (a 4xx other than 429): the same bytes fail the same way. */
export class ClassifierRejected extends Error {
  override readonly name = 'ClassifierRejected';
  readonly retryable = false as const;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The classifier answered, but not in the Image Analysis 4.0 protocol: a success body that is not JSON or does not
 * match the result schema, or a redirect (not followed, so the key is not sent elsewhere). A wrong endpoint or an
 * incompatible service version answers every request the same way, so retrying cannot help: it needs a person.
 */
export class ClassifierProtocolError extends Error {
  override readonly name = 'ClassifierProtocolError';
  readonly retryable = false as const;
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
