/**
 * Error answers as Azure AI Vision gives them: `{ error: { code, message, innererror? } }`. Messages are Azure's own
 * where it documents them (the image size and dimension limits, the 401 text, the features requirement); the
 * rest follow the same shape.
 */
export interface ErrorAnswer {
  status: number;
  body: { error: { code: string; message: string; innererror?: { code: string; message: string } } };
}

const invalid = (message: string, inner?: string): ErrorAnswer => ({
  status: 400,
  body: { error: { code: 'InvalidRequest', message, ...(inner ? { innererror: { code: inner, message } } : {}) } },
});

export const azureErrors = {
  notFound: (): ErrorAnswer => ({ status: 404, body: { error: { code: '404', message: 'Resource not found' } } }),
  accessDenied: (): ErrorAnswer => ({
    status: 401,
    body: {
      error: {
        code: '401',
        message:
          'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
      },
    },
  }),
  apiVersion: (given: string | null): ErrorAnswer =>
    invalid(`The requested api-version '${given ?? ''}' is not supported. Supported versions: 2023-10-01.`, 'InvalidApiVersion'),
  noFeatures: (): ErrorAnswer => invalid("Either 'features' or 'model-name' needs to be specified in the query parameter."),
  unknownFeature: (name: string): ErrorAnswer =>
    invalid(
      `The feature '${name}' is not supported. Supported features: tags, objects, caption, denseCaptions, read, smartCrops, people.`,
      'NotSupportedVisualFeature',
    ),
  mediaType: (contentType: string): ErrorAnswer =>
    invalid(
      `The content type '${contentType}' is not supported; send the image bytes as application/octet-stream.`,
      'UnsupportedMediaType',
    ),
  imageBytes: (): ErrorAnswer => invalid('The image size is not allowed to be zero or larger than 20971520 bytes.'),
  imageFormat: (): ErrorAnswer => invalid('Image format is not valid.', 'InvalidImageFormat'),
  imageDimensions: (): ErrorAnswer =>
    invalid('The image dimension is not allowed to be smaller than 50 and larger than 16000.', 'InvalidImageSize'),
  /** What a gateway or the service says while injected faults last. */
  fault: (status: number): ErrorAnswer => ({
    status,
    body: {
      error:
        status === 429
          ? { code: '429', message: 'Rate limit is exceeded. Try again later.' }
          : status >= 500
            ? { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable.' }
            : { code: String(status), message: `Injected ${status}.` },
    },
  }),
};
