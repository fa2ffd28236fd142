import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { CliError } from '../cli-error.js';
import { unreachable, type Api } from '../http/api.js';
import { problemMessage } from '../http/problem-message.js';
import { extensionOf } from './extension-of.js';

/**
 * Saves one asset as `{dir}/{asset}{ext}`. The API answers 302 to a short-lived read-only storage URL; that second
 * request goes without the API key, which is for Newsdesk only.
 */
export async function downloadAsset(api: Api, url: string, dir: string, asset: string): Promise<string> {
  let response = await api.request('GET', url, { allowRedirect: true });
  const location = response.headers.get('location');
  if (response.status >= 300 && location) {
    await response.body?.cancel();
    const target = new URL(location, url).href;
    response = await fetch(target).catch((error: unknown) => Promise.reject(unreachable(target, error)));
    if (!response.ok) {
      throw new CliError(`${asset}: ${problemMessage(response.status, response.headers.get('content-type'), await response.text())}`);
    }
  }
  const path = join(dir, `${asset}${extensionOf(response.headers.get('content-type'))}`);
  await pipeline(Readable.fromWeb(response.body! as WebReadableStream<Uint8Array>), createWriteStream(path));
  return path;
}
