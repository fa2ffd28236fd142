/** The base of every problem `type`: `https://newsdesk.dev/problems/<code>`. */
export const PROBLEM_TYPE_BASE = 'https://newsdesk.dev/problems/';

const CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The one error type that becomes an HTTP answer (see toProblemResponse). Anything else thrown
 * by a handler is an internal error and is never shown to the client.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  /**
   * @param status 4xx or 5xx.
   * @param code a short stable slug (`invalid-webhook-url`): clients branch on it, so never rename one.
   * @param title the same for every occurrence of `code`; `detail` explains this occurrence.
   * @param extensions extra problem members (`{ retryAfterSeconds: 3 }`).
   * @param headers extra response headers (`{ 'retry-after': '3' }`).
   */
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
    if (!Number.isInteger(status) || status < 400 || status > 599) throw new RangeError(`HttpError status ${status} is not 4xx or 5xx`);
    if (!CODE.test(code)) throw new RangeError(`HttpError code "${code}" is not a lower-case slug`);
  }

  get type(): string {
    return PROBLEM_TYPE_BASE + this.code;
  }
}
