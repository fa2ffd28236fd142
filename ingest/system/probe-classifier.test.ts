import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeClassifier } from './probe-classifier.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A real HTTP server answering /health as given. */
async function answering(status: number, body: string): Promise<string> {
  server = createServer((req, res) => {
    if (req.url !== '/health') return res.writeHead(404).end();
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', listening));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('probeClassifier', () => {
  it('is up with its model load time when /health says ok', async () => {
    const endpoint = await answering(200, JSON.stringify({ status: 'ok', modelLoadMs: 5123 }));
    expect(await probeClassifier(endpoint)()).toEqual({ state: 'up', modelLoadMs: 5123 });
    expect(await probeClassifier(`${endpoint}/`)()).toEqual({ state: 'up', modelLoadMs: 5123 });
  });

  it('is down when /health fails or nothing listens', async () => {
    expect(await probeClassifier(await answering(503, '{}'))()).toEqual({ state: 'down', modelLoadMs: null });
    expect(await probeClassifier('http://127.0.0.1:9')()).toEqual({ state: 'down', modelLoadMs: null });
  });

  it('is unknown, saying why, without an endpoint or where the service has no /health (Azure AI Vision)', async () => {
    expect(await probeClassifier(undefined)()).toEqual({ state: 'unknown', reason: 'not-configured', modelLoadMs: null });
    expect(await probeClassifier(`${await answering(200, '{}')}/vision`)()).toEqual({
      state: 'unknown',
      reason: 'no-health-endpoint',
      modelLoadMs: null,
    });
  });
});
