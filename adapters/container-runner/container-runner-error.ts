/** Why a runner could not do what it was asked; `code`/`statusCode` carry the platform's answer where there was one. */
export class ContainerRunnerError extends Error {
  override readonly name: string = 'ContainerRunnerError';
  readonly code: string;
  readonly statusCode: number | undefined;

  constructor(message: string, options: { code: string; statusCode?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.code = options.code;
    this.statusCode = options.statusCode;
  }
}
