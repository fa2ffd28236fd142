import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { platformPackageJson } from './host/package-json.js';
import { supervise, type SupervisedProcess } from './supervise.js';

/** A child that prints its ready line, then idles; with `stubborn` it ignores SIGTERM, as a hung shutdown would. */
const child = (stubborn = false): string[] => [
  '-e',
  `${stubborn ? "process.on('SIGTERM', () => {});" : ''} console.log('READY ' + JSON.stringify({ pid: process.pid })); setInterval(() => {}, 1000);`,
];
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** Longer than the first restart's back-off (1 s, +20% jitter). */
const pastBackoff = () => new Promise((r) => setTimeout(r, 1_500));

const running: SupervisedProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
});
function start(args: string[], options = {}): SupervisedProcess {
  const p = supervise('test-child', args, process.env, 'READY ', options);
  running.push(p);
  return p;
}

describe('supervise', () => {
  it('sends messages over the IPC channel it opens with `ipc`, and answers false without one', async () => {
    // A child that exits on the message 'quit' (and is then restarted, as any child that dies).
    const echo =
      "process.on('message', (m) => { if (m === 'quit') process.exit(0); }); console.log('READY {}'); process.channel.unref(); setInterval(() => {}, 1000);";
    const withIpc = start(['-e', echo], { ipc: true });
    await withIpc.ready;
    expect(withIpc.send('hello')).toBe(true);
    // The child ends on the message it was sent: proof that it arrived.
    expect(withIpc.send('quit')).toBe(true);
    await expect.poll(() => withIpc.info().restarts, { timeout: 5_000 }).toBe(1);
    const without = start(child());
    await without.ready;
    expect(without.send('hello')).toBe(false);
  });

  it('restarts a child that dies unexpectedly, and runs it in a process group of its own', async () => {
    const p = start(child());
    const { pid } = (await p.ready) as { pid: number };
    // Its own group: a terminal's Ctrl-C to the supervisor's group does not reach it.
    expect(() => process.kill(-pid, 0)).not.toThrow();
    process.kill(pid, 'SIGKILL');
    await expect.poll(() => p.info().pid !== pid && p.info().ready, { timeout: 5_000 }).toBe(true);
    expect(p.info().restarts).toBe(1);
  });

  it('launches nothing once stop began, even when the child died just before and its restart was pending', async () => {
    const p = start(child());
    const { pid } = (await p.ready) as { pid: number };
    process.kill(pid, 'SIGKILL');
    await expect.poll(() => p.info().alive).toBe(false);
    await p.stop();
    await pastBackoff();
    expect(p.info()).toMatchObject({ pid, alive: false });
  });

  it('does not restart a child killed while it is being stopped', async () => {
    const p = start(child(true), { stopTimeoutMs: 60_000 });
    const { pid } = (await p.ready) as { pid: number };
    const stopped = p.stop();
    process.kill(pid, 'SIGKILL');
    await stopped;
    await pastBackoff();
    expect(p.info()).toMatchObject({ pid, alive: false, restarts: 0 });
  });
});

describe('exit-with-parent', () => {
  it('ends a child in a group of its own once the process that started it dies', async () => {
    const preload = join(dirname(platformPackageJson()), 'preload', 'exit-with-parent.js');
    // The parent starts the child as supervise does, prints the child's pid, then dies without stopping it.
    const parent = spawn(
      process.execPath,
      [
        '-e',
        `const c = require('node:child_process').spawn(process.execPath, ['--import', ${JSON.stringify(preload)}, '-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });` +
          'console.log(c.pid); setTimeout(() => process.kill(process.pid, "SIGKILL"), 300);',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    parent.stdout.on('data', (c: Buffer) => (out += c.toString()));
    await once(parent, 'exit');
    const pid = Number(out.trim());
    expect(alive(pid)).toBe(true);
    // The preload checks its parent every second; a loaded machine may take a few seconds to start the child at all.
    await expect.poll(() => alive(pid), { timeout: 15_000 }).toBe(false);
  }, 30_000);
});
