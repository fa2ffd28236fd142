import { RestError } from '@azure/storage-blob';

/** An error as the Blob service answers it (status and error code), thrown as the SDK throws it: a RestError. */
export function blobRestError(statusCode: number, code: string, message: string): RestError {
  return new RestError(message, { statusCode, code });
}
