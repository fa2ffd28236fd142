import { createRequire } from 'node:module';
import type { Server } from 'node:http';

/**
 * Runs `fn` while recording every `http.createServer()` call made through CommonJS `require('http')`
 * — how `@azure/functions` creates its HTTP-stream proxy server when the host asks for capabilities.
 */
export async function captureServers<T>(fn: () => Promise<T>): Promise<{ result: T; servers: Server[] }> {
  const http = createRequire(import.meta.url)('node:http') as { createServer: (...args: unknown[]) => Server };
  const original = http.createServer;
  const servers: Server[] = [];
  http.createServer = (...args: unknown[]) => {
    const server = original(...args);
    servers.push(server);
    return server;
  };
  try {
    return { result: await fn(), servers };
  } finally {
    http.createServer = original;
  }
}
