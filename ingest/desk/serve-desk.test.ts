import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpRequest, HttpResponse } from '@azure/functions';
import { afterAll, describe, expect, it } from 'vitest';
import { expectProblem, invocationContext } from '../../test/support/ingest-testbed.js';
import { createServeDesk } from './serve-desk.js';

// dist/desk inside a folder that also holds a secret: no path may reach it.
const top = mkdtempSync(join(tmpdir(), 'desk-'));
const root = join(top, 'desk');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Desk</title>');
writeFileSync(join(root, 'assets', 'index-B1a2c3.js'), 'console.log(1)');
writeFileSync(join(root, 'assets', 'index-D4e5f6.css'), 'body{}');
writeFileSync(join(root, 'favicon.svg'), '<svg/>');
writeFileSync(join(root, '.env'), 'SECRET=1');
writeFileSync(join(top, 'secret.txt'), 'SECRET=2');
afterAll(() => rmSync(top, { recursive: true, force: true }));

const BLOB = 'http://127.0.0.1:10000';
const serve = createServeDesk({ root, blobOrigins: [BLOB] });
const get = (pathname: string, path: string | undefined, headers: Record<string, string> = {}) =>
  serve(
    new HttpRequest({ method: 'GET', url: `http://localhost:7071${pathname}`, headers, params: path === undefined ? {} : { path } }),
    invocationContext(),
  );
const text = async (init: Awaited<ReturnType<typeof get>>) => {
  const response = new HttpResponse(init);
  return { status: response.status, headers: response.headers, body: await response.text() };
};

describe('GET /api/desk/{*path}', () => {
  it('serves index.html, always revalidated, under a strict policy that allows only Blob Storage besides itself (pictures, videos, uploads)', async () => {
    const res = await text(await get('/api/desk/', ''));
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Desk</title>');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    // The originals the desk shows before any thumbnail exists: photos as <img>, videos in a <video> player.
    expect(csp).toContain(`img-src 'self' data: blob: ${BLOB};`);
    expect(csp).toContain(`media-src 'self' blob: ${BLOB};`);
    expect(csp).toContain(`connect-src 'self' ${BLOB};`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe|https:\s|\*/);
  });

  it('redirects /api/desk to /api/desk/ so the page’s relative URLs resolve', async () => {
    const res = await get('/api/desk', undefined);
    expect(res.status).toBe(308);
    expect(new HttpResponse(res).headers.get('location')).toBe('/api/desk/');
  });

  it('serves hashed assets with their types for a year, and other files revalidated', async () => {
    const js = await text(await get('/api/desk/assets/index-B1a2c3.js', 'assets/index-B1a2c3.js'));
    expect([js.status, js.body, js.headers.get('content-type')]).toEqual([200, 'console.log(1)', 'text/javascript; charset=utf-8']);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const css = await text(await get('/api/desk/assets/index-D4e5f6.css', 'assets/index-D4e5f6.css'));
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const svg = await text(await get('/api/desk/favicon.svg', 'favicon.svg'));
    expect([svg.headers.get('content-type'), svg.headers.get('cache-control')]).toEqual(['image/svg+xml', 'no-cache']);
  });

  it('answers 304 when the browser already has the file', async () => {
    const first = await text(await get('/api/desk/', ''));
    const again = await get('/api/desk/', '', { 'if-none-match': first.headers.get('etag')! });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
  });

  it('answers 404 problem for unknown files and folders', async () => {
    await expectProblem(await get('/api/desk/assets/nope.js', 'assets/nope.js'), 404, 'desk-file-not-found');
    await expectProblem(await get('/api/desk/assets', 'assets'), 404, 'desk-file-not-found');
    await expectProblem(await get('/api/desk/assets/', 'assets/'), 404, 'desk-file-not-found');
  });

  it('never serves a file outside the desk, nor its hidden files, however the path is spelt', async () => {
    const attempts = [
      '../secret.txt',
      'assets/../../secret.txt',
      '..%2Fsecret.txt', // Azure keeps an encoded slash encoded in route values
      '..\\secret.txt',
      'assets/..\\..\\secret.txt',
      `${top}/secret.txt`,
      '/etc/passwd',
      '.env',
      './index.html',
      'assets//index-B1a2c3.js',
      'index.html\0.js',
    ];
    for (const path of attempts) {
      const { body } = await expectProblem(await get(`/api/desk/${encodeURIComponent(path)}`, path), 404, 'desk-file-not-found');
      expect(JSON.stringify(body)).not.toContain('SECRET');
    }
  });

  it('answers 503 saying to build the desk when dist/desk is missing', async () => {
    const missing = createServeDesk({ root: join(top, 'no-desk'), blobOrigins: [] });
    const res = await missing(
      new HttpRequest({ method: 'GET', url: 'http://localhost:7071/api/desk/', params: { path: '' } }),
      invocationContext(),
    );
    const { body } = await expectProblem(res, 503, 'desk-not-built');
    expect(body.detail).toContain('npm run build:desk');
    const escape = await missing(
      new HttpRequest({ method: 'GET', url: 'http://localhost:7071/api/desk/..%2Fsecret.txt', params: { path: '..%2Fsecret.txt' } }),
      invocationContext(),
    );
    await expectProblem(escape, 404, 'desk-file-not-found');
  });
});
