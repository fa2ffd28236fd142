import { CliError } from '../cli-error.js';
import type { Settings } from '../settings/resolve-settings.js';
import { problemMessage } from './problem-message.js';

/** The HTTP API under `{url}/api`, with the client's key; every answer that is not 2xx (or 3xx when asked) throws. */
export class Api {
  constructor(private readonly settings: Settings) {}

  url(path: string): string {
    return `${this.settings.url}/api${path}`;
  }

  async request(method: string, pathOrUrl: string, init: RequestInit & { allowRedirect?: boolean } = {}): Promise<Response> {
    const url = pathOrUrl.startsWith('/') ? this.url(pathOrUrl) : pathOrUrl;
    const headers = new Headers(init.headers);
    headers.set('x-api-key', this.settings.apiKey);
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
      throw new CliError(problemMessage(response.status, response.headers.get('content-type'), text));
    }
    return response;
  }

  async json<T>(method: string, path: string): Promise<T> {
    return (await (await this.request(method, path)).json()) as T;
  }
}

/** "Cannot reach …" with the system's reason (ECONNREFUSED, ENOTFOUND), which fetch keeps in `cause`. */
export function unreachable(url: string, error: unknown): CliError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  return new CliError(`Cannot reach ${new URL(url).origin}: ${reason}`);
}
