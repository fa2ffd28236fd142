import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { close, DEFAULT_TIMEOUTS, listen } from './server.js';

const servers: Parameters<typeof close>[0][] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

/** Sends `head` on a raw connection and resolves with what came back and when the server closed it. */
function sendAndWait(port: number, head: string): Promise<{ answer: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const began = Date.now();
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    socket.on('data', (d) => (answer += d.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve({ answer, ms: Date.now() - began }));
  });
}

describe('the local host listener', () => {
  it('has finite header and request timeouts by default', () => {
    expect(DEFAULT_TIMEOUTS.headersMs).toBeGreaterThan(0);
    expect(DEFAULT_TIMEOUTS.requestMs).toBeGreaterThan(DEFAULT_TIMEOUTS.headersMs);
  });

  it('answers 408 and closes a connection whose headers never finish', async () => {
    const { server, port } = await listen(
      0,
      async () => undefined,
      () => undefined,
      { headersMs: 300, requestMs: 5000 },
    );
    servers.push(server);
    const { answer, ms } = await sendAndWait(port, 'POST /api/submissions HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(2000);
  });

  it('answers 408 and closes a connection whose body never finishes', async () => {
    const handler = async (req: IncomingMessage) => {
      req.resume();
      await new Promise((resolve) => req.on('close', resolve));
    };
    const { server, port } = await listen(0, handler, () => undefined, { headersMs: 300, requestMs: 600 });
    servers.push(server);
    const head = 'POST /api/submissions HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nabc';
    const { answer, ms } = await sendAndWait(port, head);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(2500);
  });
});
