import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { retryDelayMs } from './backoff.js';
import { platformPackageJson } from './host/package-json.js';

export interface SupervisedProcess {
  /** Resolves with the JSON after the ready marker the child prints on stdout. */
  ready: Promise<Record<string, unknown>>;
  /** What runs now: for the container runner's listing and logs. */
  info(): { pid: number | undefined; ready: boolean; restarts: number; alive: boolean; failed: boolean };
  /** SIGTERM, then SIGKILL after `timeoutMs` (the stopTimeoutMs option's by default) if it has not exited. */
  stop(timeoutMs?: number): Promise<void>;
  /** Sends `message` over the child's IPC channel (the `ipc` option) when one is open; false when it was not sent. */
  send(message: string): boolean;
}

export interface SuperviseOptions {
  /** How long `stop()` waits after SIGTERM before SIGKILL (a worker finishing its jobs needs longer than the default). */
  stopTimeoutMs?: number;
  /** Give up after this many restarts in a row without reaching ready (a crash loop); infinite by default. */
  maxRestarts?: number;
  /** Opens an IPC channel to the child (Node's `process.send`/'message'), for `send`. */
  ipc?: boolean;
}

/**
 * When the child is ready: the prefix of the stdout line it prints then, followed by JSON; or, for a program that
 * prints no such line (Azurite), a function called once per launch that returns a line check, which answers what
 * the child is ready with once it has seen enough lines.
 */
export type ReadyWhen = string | (() => (line: string) => Record<string, unknown> | undefined);

/** Makes each child end itself when its supervisor dies without stopping it (see the preload's comment). */
const EXIT_WITH_PARENT = pathToFileURL(join(dirname(platformPackageJson()), 'preload', 'exit-with-parent.js')).href;

/** One second after the first crash, doubling to at most 30 s, as a container runtime's restart back-off. */
const RESTART_BACKOFF = { initialDelayMs: 1_000, maxDelayMs: 30_000 };

/**
 * Runs a Node program as a child process, echoing its output with a prefix, and restarts it (with backoff) when
 * it dies unexpectedly, as a container runtime would; `stop()` sends SIGTERM and waits, and once it is called
 * nothing is restarted, whatever ends the child. The child leads its own process group, so a terminal's Ctrl-C
 * reaches only the supervising process, which stops its children in the order it chooses. `args` may be a
 * function, read at each launch (a restart can then reuse the ports the first launch got).
 */
export function supervise(
  name: string,
  args: string[] | (() => string[]),
  env: NodeJS.ProcessEnv,
  readyWhen: ReadyWhen,
  options: SuperviseOptions = {},
): SupervisedProcess {
  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;
  let resolveReady!: (v: Record<string, unknown>) => void;
  let rejectReady!: (e: Error) => void;
  const ready = new Promise<Record<string, unknown>>((res, rej) => ((resolveReady = res), (rejectReady = rej)));
  let everReady = false;
  let readyNow = false;
  let totalRestarts = 0;
  let failed = false;
  let restartTimer: NodeJS.Timeout | undefined;

  const launch = (): void => {
    const argv = typeof args === 'function' ? args() : args;
    const c = spawn(process.execPath, ['--import', EXIT_WITH_PARENT, ...argv], {
      env,
      stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child = c;
    const check = typeof readyWhen === 'string' ? undefined : readyWhen();
    let buffer = '';
    c.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const marked = typeof readyWhen === 'string' && line.startsWith(readyWhen);
        const value = marked ? (JSON.parse(line.slice(readyWhen.length)) as Record<string, unknown>) : check?.(line);
        if (value && !readyNow) {
          everReady = true;
          readyNow = true;
          restarts = 0;
          resolveReady(value);
        }
        if (!marked && line.trim()) process.stdout.write(`[${name}] ${line}\n`);
      }
    });
    c.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk.toString().replace(/^(?=.)/gm, `[${name}] `)));
    c.once('exit', (code, signal) => {
      readyNow = false;
      if (stopping) return;
      if (!everReady) {
        failed = true;
        return rejectReady(new Error(`${name} exited (${code ?? signal}) before it was ready`));
      }
      restarts++;
      totalRestarts++;
      if (options.maxRestarts !== undefined && restarts > options.maxRestarts) {
        failed = true;
        console.error(`[${name}] exited (${code ?? signal}) ${restarts} times in a row; not restarting it`);
        return;
      }
      const delay = retryDelayMs(restarts, RESTART_BACKOFF);
      console.error(`[${name}] exited (${code ?? signal}); restarting in ${delay} ms`);
      restartTimer = setTimeout(() => !stopping && launch(), delay);
    });
  };
  launch();
  return {
    ready,
    info: () => ({
      pid: child?.pid,
      ready: readyNow,
      restarts: totalRestarts,
      alive: child !== undefined && child.exitCode === null && child.signalCode === null,
      failed,
    }),
    send(message) {
      const c = child;
      if (!c?.connected) return false;
      // A child that exits meanwhile makes the send fail: the message is lost with it, which callers allow.
      c.send(message, (error) => void error);
      return true;
    },
    async stop(timeoutMs = options.stopTimeoutMs ?? 15_000) {
      stopping = true;
      clearTimeout(restartTimer);
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), timeoutMs);
      await once(c, 'exit');
      clearTimeout(timer);
    },
  };
}
