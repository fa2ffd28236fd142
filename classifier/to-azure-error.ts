import type { AzureErrorBody } from '../contracts/classification.js';
import { ImageAnalysisError } from './errors.js';

export interface AzureErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: AzureErrorBody;
}

/**
 * The one place an error becomes an HTTP answer, in Azure's shape: `{ error: { code, message, innererror? } }`.
 * Anything that is not an ImageAnalysisError is a fault of this service: 500 with no detail (the caller logs it).
 */
export function toAzureError(error: unknown): AzureErrorAnswer {
  if (error instanceof ImageAnalysisError) {
    const { code, message, innerCode } = error;
    return {
      status: error.status,
      headers: { ...error.headers },
      body: { error: { code, message, ...(innerCode ? { innererror: { code: innerCode, message } } : {}) } },
    };
  }
  return {
    status: 500,
    headers: {},
    body: { error: { code: 'InternalServerError', message: 'An unexpected error occurred while analyzing the image.' } },
  };
}
