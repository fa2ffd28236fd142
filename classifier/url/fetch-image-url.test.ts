import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowList } from '../../lib/net/allow-list.js';
import type { Lookup } from '../../lib/net/lookup.js';
import { ImageAnalysisError } from '../errors.js';
import { fetchImageUrl, type FetchImageUrlOptions } from './fetch-image-url.js';

let server: Server;
let base: string;
let png: Buffer;

beforeAll(async () => {
  png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#123456' } })
    .png()
    .toBuffer();
  server = createServer((req, res) => {
    const routes: Record<string, () => void> = {
      '/image.png': () => res.writeHead(200, { 'Content-Type': 'image/png' }).end(png),
      '/declared-big': () => res.writeHead(200, { 'Content-Length': String(10_000) }).end(Buffer.alloc(10_000)),
      '/streamed-big': () => {
        res.writeHead(200);
        for (let i = 0; i < 20; i++) res.write(Buffer.alloc(1000));
        res.end();
      },
      '/missing': () => res.writeHead(404).end('no'),
      '/to-image': () => res.writeHead(302, { Location: '/image.png' }).end(),
      '/to-metadata': () => res.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data/' }).end(),
      '/to-localhost': () => res.writeHead(307, { Location: `http://localhost:${(server.address() as AddressInfo).port}/image.png` }).end(),
      '/loop': () => res.writeHead(302, { Location: '/loop' }).end(),
      '/hang': () => undefined,
    };
    (routes[req.url ?? ''] ?? (() => res.writeHead(500).end()))();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A DNS stand-in: known names answer with their addresses, anything else fails like ENOTFOUND. */
const lookup: Lookup = async (host) => {
  const records: Record<string, string[]> = { 'rebind.example.com': ['93.184.215.14', '127.0.0.1'], 'dev.example.com': ['127.0.0.1'] };
  const addresses = records[host];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: 4 as const }));
};
// The test server is on loopback: only 127.0.0.1 itself is allowed, by address.
const options = (overrides: Partial<FetchImageUrlOptions> = {}): FetchImageUrlOptions => ({
  allowList: parseAllowList('127.0.0.1'),
  maxBytes: 5000,
  timeoutMs: 2000,
  lookup,
  ...overrides,
});
const refusal = async (url: string, overrides: Partial<FetchImageUrlOptions> = {}) => {
  const error = await fetchImageUrl(url, options(overrides)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ImageAnalysisError);
  const { status, innerCode, message } = error as ImageAnalysisError;
  return { status, innerCode, message };
};

describe('fetchImageUrl', () => {
  it('downloads an image, following a redirect', async () => {
    expect(await fetchImageUrl(`${base}/image.png`, options())).toEqual(png);
    expect(await fetchImageUrl(`${base}/to-image`, options())).toEqual(png);
  });

  it.each([
    ['http://127.0.0.1/x.jpg', 'its host 127.0.0.1 is not a public address (loopback)'],
    ['http://10.1.2.3/x.jpg', 'its host 10.1.2.3 is not a public address (private)'],
    ['http://169.254.169.254/latest/meta-data/', 'its host 169.254.169.254 is not a public address (link-local (cloud metadata service))'],
    ['http://[::1]/x.jpg', 'its host [::1] is not a public address (loopback)'],
    ['http://0x7f.1/x.jpg', 'its host 127.0.0.1 is not a public address (loopback)'],
    ['http://localhost/x.jpg', 'its host localhost is a single-label name, which resolves only inside a network'],
    ['http://dev.example.com/x.jpg', 'its host dev.example.com resolves to 127.0.0.1, which is not public (loopback)'],
    ['http://rebind.example.com/x.jpg', 'its host rebind.example.com resolves to 127.0.0.1, which is not public (loopback)'],
    ['ftp://example.com/x.jpg', 'its scheme must be http or https, not ftp'],
    ['not a url', 'it is not a valid absolute URL'],
  ])('refuses %s before connecting: InvalidImageUrl', async (url, why) => {
    expect(await refusal(url, { allowList: parseAllowList(undefined) })).toEqual({
      status: 400,
      innerCode: 'InvalidImageUrl',
      message: `Image URL is not valid: ${why}.`,
    });
  });

  it('checks every redirect hop: a public answer cannot send the service to a private address', async () => {
    expect((await refusal(`${base}/to-metadata`)).message).toBe(
      'Image URL is not valid: its host 169.254.169.254 is not a public address (link-local (cloud metadata service)).',
    );
    expect((await refusal(`${base}/to-localhost`)).message).toMatch(/its host localhost is a single-label name/);
    expect((await refusal(`${base}/loop`)).message).toBe('Failed to download the image from the specified URL: more than 3 redirects.');
  });

  it('refuses an image over the byte cap, declared or streamed, with the image size error', async () => {
    const sizeError = { status: 400, innerCode: undefined, message: 'The image size is not allowed to be zero or larger than 5000 bytes.' };
    expect(await refusal(`${base}/declared-big`)).toEqual(sizeError);
    expect(await refusal(`${base}/streamed-big`)).toEqual(sizeError);
  });

  it('says what went wrong with the download', async () => {
    expect((await refusal(`${base}/missing`)).message).toBe(
      'Failed to download the image from the specified URL: the server answered 404.',
    );
    expect((await refusal('http://nowhere.example.com/x.jpg')).message).toBe(
      'Failed to download the image from the specified URL: cannot resolve host nowhere.example.com.',
    );
    const hang = await refusal(`${base}/hang`, { timeoutMs: 200 });
    expect(hang).toEqual({
      status: 400,
      innerCode: 'InvalidImageUrl',
      message: 'Failed to download the image from the specified URL: no complete answer within 0.2 s.',
    });
  });

  it("rejects with the caller's abort reason", async () => {
    const reason = new Error('client gone');
    await expect(fetchImageUrl(`${base}/hang`, options({ signal: AbortSignal.abort(reason) }))).rejects.toBe(reason);
  });
});
