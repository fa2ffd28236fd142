import { CliError } from '../cli-error.js';
import { problemMessage } from './problem-message.js';

/** The header that carries who is asking: a client's `x-api-key`, or the `x-admin-key` of the admin API. */
export interface Credential {
  header: 'x-api-key' | 'x-admin-key';
  value: string;
}

/** The HTTP API under `{origin}/api`, with one credential; every answer that is not 2xx (or 3xx when asked) throws. */
export class Api {
  constructor(
    readonly origin: string,
    readonly credential: Credential,
  ) {}

  url(path: string): string {
    return `${this.origin}/api${path}`;
  }

  async request(method: string, pathOrUrl: string, init: RequestInit & { allowRedirect?: boolean } = {}): Promise<Response> {
    const url = pathOrUrl.startsWith('/') ? this.url(pathOrUrl) : pathOrUrl;
    const headers = new Headers(init.headers);
    headers.set(this.credential.header, this.credential.value);
    let response: Response;
    try {
      // Redirects are followed by the caller, without the key: a 302 leads to storage, which must not see it.
      response = await fetch(url, { ...init, method, headers, redirect: 'manual' });
    } catch (error) {
      throw unreachable(url, error);
    }
    const redirect = init.allowRedirect === true && response.status >= 300 && response.status < 400;
    if (!response.ok && !redirect) {
      const text = await response.text().catch(() => '');
      throw new CliError(problemMessage(response.status, response.headers.get('content-type'), text), 1, response.status);
    }
    return response;
  }

  /** A JSON answer; `body`, when given, goes as JSON. */
  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init = body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    return (await (await this.request(method, path, init)).json()) as T;
  }
}

/** "Cannot reach …" with the system's reason (ECONNREFUSED, ENOTFOUND), which fetch keeps in `cause`. */
export function unreachable(url: string, error: unknown): CliError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  return new CliError(`Cannot reach ${new URL(url).origin}: ${reason}`);
}
