/**
 * An answer the service gives instead of a result, as Azure AI Vision gives it: the HTTP status, Azure's top-level
 * `code` (`InvalidRequest`, `401`, `429`…), and for an invalid request the specific `innererror` code
 * (`InvalidImageFormat`, `NotSupportedVisualFeature`…). Turned into the response body in one place: to-azure-error.ts.
 */
export class ImageAnalysisError extends Error {
  override readonly name = 'ImageAnalysisError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innerCode?: string,
    /** Extra response headers (`Retry-After`). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

const invalid = (message: string, innerCode?: string) => new ImageAnalysisError(400, 'InvalidRequest', message, innerCode);

/** The features Azure's Image Analysis 4.0 knows, in the order its own error message lists them. */
const AZURE_FEATURE_LIST = 'tags, objects, caption, denseCaptions, read, smartCrops, people';

/**
 * Every error the service answers. Texts are Azure's own where Azure's are known (401, api-version, features, image
 * size and dimensions: see classifier/README.md for where each was checked); the rest keep Azure's shape and codes.
 */
export const imageAnalysisErrors = {
  notFound: () => new ImageAnalysisError(404, '404', 'Resource not found'),
  missingKey: () =>
    new ImageAnalysisError(
      401,
      '401',
      'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
    ),
  accessDenied: () =>
    new ImageAnalysisError(
      401,
      '401',
      'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
    ),
  apiVersion: (given: string | null, supported: readonly string[]) =>
    invalid(
      `The requested api-version '${given ?? ''}' is not supported. Supported versions: ${supported.join(', ')}.`,
      'InvalidApiVersion',
    ),
  noFeatures: () => invalid("Either 'features' or 'model-name' needs to be specified in the query parameter."),
  unknownFeature: (name: string) =>
    invalid(`The feature '${name}' is not supported. Supported features: ${AZURE_FEATURE_LIST}.`, 'NotSupportedVisualFeature'),
  /** A feature Azure has but this service cannot serve with its models: said so, never answered with made-up output. */
  unservedFeature: (name: string, why: string, served: readonly string[]) =>
    invalid(
      `The feature '${name}' is not supported by this service: ${why}. Supported features here: ${served.join(', ') || 'none'}.`,
      'NotSupportedFeature',
    ),
  modelName: () => invalid("Custom models ('model-name') are not supported by this service; use 'features'.", 'InvalidModel'),
  modelVersion: (given: string, served: string) =>
    invalid(`The model-version '${given}' is not supported. Supported model versions: latest, ${served}.`, 'InvalidModel'),
  language: (given: string) =>
    invalid(`The language '${given}' is not supported by this service. Supported languages: en.`, 'NotSupportedLanguage'),
  badArgument: (parameter: string, given: string, expected: string) =>
    invalid(`The value '${given}' of the query parameter '${parameter}' is not valid: ${expected}.`, 'BadArgument'),
  mediaType: (contentType: string) =>
    invalid(
      `The content type '${contentType}' is not supported; send the image bytes as application/octet-stream, or a JSON body { "url": "..." } as application/json.`,
      'UnsupportedMediaType',
    ),
  /** Azure's answer for 0 bytes and for too many: 400 with no innererror (Azure answers exactly so). */
  imageBytes: (maxBytes: number) => invalid(`The image size is not allowed to be zero or larger than ${maxBytes} bytes.`),
  imageFormat: () => invalid('Image format is not valid.', 'InvalidImageFormat'),
  imageDimensions: () => invalid('The image dimension is not allowed to be smaller than 50 and larger than 16000.', 'InvalidImageSize'),
  /** Within Azure's 16000 px per side, but more pixels than this service decodes (its memory guard). */
  imagePixels: (pixels: number, maxPixels: number) =>
    invalid(`The image has ${pixels} pixels; this service decodes at most ${maxPixels}.`, 'InvalidImageSize'),
  invalidBody: (why: string) => invalid(`The request body is not valid: ${why}.`, 'BadArgument'),
  imageUrl: (why: string) => invalid(`Image URL is not valid: ${why}.`, 'InvalidImageUrl'),
  imageDownload: (why: string) => invalid(`Failed to download the image from the specified URL: ${why}.`, 'InvalidImageUrl'),
  /**
   * Azure AI services' throttling answer: 429 with `Retry-After`, code "429" and a message in the services' pattern
   * ("Requests to the … Operation under … have exceeded … Please retry after N seconds.").
   */
  rateLimited: (seconds: number, why: string) =>
    new ImageAnalysisError(
      429,
      '429',
      `Requests to the Analyze Operation under Computer Vision APIs (2023-10-01) have exceeded ${why}. Please retry after ${seconds} second${seconds === 1 ? '' : 's'}.`,
      undefined,
      { 'Retry-After': String(seconds) },
    ),
  unavailable: (why: string) => new ImageAnalysisError(503, 'ServiceUnavailable', `The service is temporarily unavailable: ${why}.`),
};
