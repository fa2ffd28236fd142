import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchStack } from '../../infra/stack/launch-stack.js';

const KEY = 'e2e-master-key-0123456789abcdef';
const running: ChildProcess[] = [];

afterEach(() => {
  for (const c of running.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

/** Runs what `npm start` runs after building, on free ports, and waits for its ready line. */
async function start(dataDir: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const stack = await launchStack({ NEWSDESK_DATA_DIR: dataDir, NEWSDESK_HOST_MASTER_KEY: KEY });
  running.push(stack.child);
  return stack;
}

describe('npm start', () => {
  it('runs Azurite and the host, prints where to reach them, stops cleanly on Ctrl-C, and starts again on the same data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'newsdesk-start-'));
    const first = await start(dataDir);
    expect(first.output()).toMatch(/Master key: /);
    expect(first.output()).toMatch(/Event Grid topic 'newsdesk'/);
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
    const instances = await fetch(`${first.url}/runtime/webhooks/durabletask/instances/?code=${KEY}`);
    expect(instances.status).toBe(200);

    first.child.kill('SIGINT');
    const [code] = (await once(first.child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(first.output()).toMatch(/Newsdesk stopped/);
    await expect(fetch(`${first.url}/api/health`)).rejects.toThrow();

    const second = await start(dataDir);
    expect((await fetch(`${second.url}/api/health`)).status).toBe(200);
    second.child.kill('SIGTERM');
    expect(((await once(second.child, 'exit')) as [number | null])[0]).toBe(0);
  });
});
