/**
 * A failure the command line reports as one line (never a stack trace), with the exit code it ends with; `status` is
 * the HTTP status when the API answered the failure, so a caller can tell "gone" from "wrong".
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
