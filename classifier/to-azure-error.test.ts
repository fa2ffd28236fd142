import { describe, expect, it } from 'vitest';
import { imageAnalysisErrors } from './errors.js';
import { toAzureError } from './to-azure-error.js';

describe('toAzureError', () => {
  it('puts the specific code in innererror, as Azure does', () => {
    expect(toAzureError(imageAnalysisErrors.imageFormat())).toEqual({
      status: 400,
      headers: {},
      body: {
        error: {
          code: 'InvalidRequest',
          message: 'Image format is not valid.',
          innererror: { code: 'InvalidImageFormat', message: 'Image format is not valid.' },
        },
      },
    });
  });

  it("answers the image size error without innererror, exactly as Azure's", () => {
    expect(toAzureError(imageAnalysisErrors.imageBytes(20_971_520)).body).toEqual({
      error: { code: 'InvalidRequest', message: 'The image size is not allowed to be zero or larger than 20971520 bytes.' },
    });
  });

  it("answers 401 with Azure's text for a wrong key", () => {
    expect(toAzureError(imageAnalysisErrors.accessDenied())).toMatchObject({
      status: 401,
      body: {
        error: { code: '401', message: expect.stringMatching(/^Access denied due to invalid subscription key or wrong API endpoint\./) },
      },
    });
  });

  it('answers 429 with Retry-After in seconds', () => {
    const answer = toAzureError(imageAnalysisErrors.rateLimited(3, 'the capacity of this service (1 running, 1 waiting)'));
    expect(answer).toMatchObject({ status: 429, headers: { 'Retry-After': '3' }, body: { error: { code: '429' } } });
    expect(answer.body.error.message).toBe(
      'Requests to the Analyze Operation under Computer Vision APIs (2023-10-01) have exceeded the capacity of this service (1 running, 1 waiting). Please retry after 3 seconds.',
    );
  });

  it('hides what went wrong inside: 500 InternalServerError, no detail', () => {
    expect(toAzureError(new Error('wasm memory access out of bounds at /srv/secret'))).toEqual({
      status: 500,
      headers: {},
      body: { error: { code: 'InternalServerError', message: 'An unexpected error occurred while analyzing the image.' } },
    });
  });
});
