import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type RunningAzurite } from '@newsdesk/local-platform/azurite';
import type { StorageAccess } from '../../adapters/azure-access/azure-access.js';
import { blobServiceOf, queueServiceOf, tableClientOf } from '../../adapters/azure-access/storage-clients.js';
import { isTransientFault } from '../../lib/resilience/transient-fault.js';

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite({ location: mkdtempSync(join(tmpdir(), 'azurite-hang-')) });
});
afterAll(async () => {
  const pid = azurite?.pid();
  if (pid) process.kill(pid, 'SIGCONT');
  await azurite?.stop();
});

/** Every kind of storage call the app makes, through the clients storage-clients.ts makes. */
function calls(access: StorageAccess, name: string) {
  const container = blobServiceOf(access).getContainerClient(name);
  const queue = queueServiceOf(access).getQueueClient(name);
  const table = tableClientOf(access, name);
  return {
    create: () => Promise.all([container.createIfNotExists(), queue.createIfNotExists(), table.createTable()]),
    each: {
      blob: () => container.getBlockBlobClient('b').upload('x', 1),
      queue: () => queue.sendMessage('m'),
      table: () => table.upsertEntity({ partitionKey: 'p', rowKey: 'r' }),
    },
  };
}

/** How long `fn` took to fail, and with what. */
async function failure(fn: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now();
  const error = await fn().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call should have failed').toBeDefined();
  return { ms: performance.now() - started, error };
}

describe('storage clients against storage that cannot answer', () => {
  it('give up on storage that accepts connections but hangs (a paused Azurite) after their tries, as a transient fault', async () => {
    const access = { connectionString: azurite.connectionString, requests: { tryTimeoutMs: 1_000, maxTries: 2 } };
    const storage = calls(access, 'hang');
    await storage.create();
    const pid = azurite.pid()!;
    process.kill(pid, 'SIGSTOP');
    try {
      for (const [kind, call] of Object.entries(storage.each)) {
        const { ms, error } = await failure(call);
        // Two tries of 1 s and the wait between them; without a per-try timeout the call waits for ever.
        expect(ms, kind).toBeLessThan(6_000);
        expect(isTransientFault(error), `${kind}: ${String(error)}`).toBe(true);
      }
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    // Nothing is left broken: the same clients work once storage answers again.
    await Promise.all(Object.values(storage.each).map((call) => call()));
  }, 60_000);

  it('give up on unreachable storage within seconds by default, as a transient fault', async () => {
    // Nothing listens on port 1: every connection is refused at once, as while Azurite is down.
    const refused = azurite.connectionString.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:1');
    const storage = calls({ connectionString: refused }, 'refused');
    for (const [kind, call] of Object.entries(storage.each)) {
      const { ms, error } = await failure(call);
      // The SDKs' own defaults wait 4 + 8 + 16 s between tries: a client would wait half a minute for a 500.
      expect(ms, kind).toBeLessThan(5_000);
      expect(isTransientFault(error), `${kind}: ${String(error)}`).toBe(true);
    }
  }, 120_000);
});
