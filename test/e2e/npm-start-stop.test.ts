import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { launchStack, type LaunchedStack } from '../../infra/stack/launch-stack.js';

const running: LaunchedStack[] = [];

afterEach(() => {
  for (const s of running.splice(0)) if (s.child.exitCode === null && s.child.pid) process.kill(-s.child.pid, 'SIGKILL');
});

/** npm start with a worker and the classifier service, leading its own process group as a terminal's job does. */
async function start(): Promise<LaunchedStack> {
  const stack = await launchStack({ NEWSDESK_WORKERS_MIN: '1', NEWSDESK_WORKERS_MAX: '1' }, { detached: true });
  running.push(stack);
  return stack;
}

/** The pids npm start's workers report, once one runs. */
async function workerPids(dataDir: string): Promise<number[]> {
  const read = (): number[] => {
    try {
      const status = JSON.parse(readFileSync(join(dataDir, 'workers.json'), 'utf8')) as { pids: Record<string, number | null> };
      return Object.values(status.pids).filter((p): p is number => typeof p === 'number');
    } catch {
      return [];
    }
  };
  await expect.poll(() => read().length, { timeout: 30_000 }).toBeGreaterThan(0);
  return read();
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

it('Ctrl-C (SIGINT to the whole process group) stops everything in order within 10 s, restarts nothing, and exits 0', async () => {
  const stack = await start();
  const workers = await workerPids(stack.dataDir);
  const before = stack.output().length;

  const t0 = Date.now();
  process.kill(-stack.child.pid!, 'SIGINT');
  const [code] = (await once(stack.child, 'exit')) as [number | null];
  const elapsed = Date.now() - t0;
  console.log(`npm start stopped in ${elapsed} ms`);

  const after = stack.output().slice(before);
  expect(after).not.toMatch(/restarting/);
  expect(code).toBe(0);
  expect(elapsed).toBeLessThan(10_000);
  expect(after).toMatch(/Newsdesk stopped/);
  for (const pid of workers) expect(alive(pid)).toBe(false);
  await expect(fetch(`${stack.url}/api/health`)).rejects.toThrow();
});

it('restarts Azurite when it dies, on the same ports, and the host is healthy again', async () => {
  const stack = await start();
  const azuritePid = Number(execFileSync('pgrep', ['-P', String(stack.child.pid), '-f', 'azurite.js'], { encoding: 'utf8' }).trim());
  expect(azuritePid).toBeGreaterThan(0);
  // `kill <pid>`; with SIGKILL Azurite also loses the tables it created in its last seconds (it saves them every few).
  process.kill(azuritePid, 'SIGTERM');

  await expect.poll(() => stack.output(), { timeout: 10_000 }).toMatch(/\[azurite\] exited \(\w+\); restarting/);
  await expect
    .poll(
      () =>
        fetch(`${stack.url}/api/health`).then(
          async (r) => (r.status === 200 ? 200 : `${r.status} ${await r.text()}`),
          () => 0,
        ),
      { timeout: 30_000, interval: 500 },
    )
    .toBe(200);
  await stack.stop();
});
