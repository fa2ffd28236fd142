import { RestError } from '@azure/storage-blob';
import { CliError } from '../cli-error.js';

/**
 * A failed block upload as one line. Storage refusing the upload URL (403: its SAS expired) or no longer knowing the
 * blob (404) is reported with status 410, as the API reports an expired session, so the caller starts over.
 */
export function storageFailure(name: string, error: unknown): CliError {
  if (error instanceof RestError && (error.statusCode === 403 || error.statusCode === 404)) {
    return new CliError(
      `Blob Storage no longer accepts the upload of ${name} (HTTP ${error.statusCode}, ${error.code ?? 'refused'}).`,
      1,
      410,
    );
  }
  const reason =
    error instanceof RestError ? `${error.statusCode ?? error.code ?? 'no answer'}: ${error.message}` : (error as Error).message;
  return new CliError(`Uploading ${name} failed (${reason}); run the same command again to resume.`);
}
