import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { retryDelayMs } from './backoff.js';

export interface SupervisedProcess {
  /** Resolves with the JSON after the ready marker the child prints on stdout. */
  ready: Promise<Record<string, unknown>>;
  /** What runs now: for the container runner's listing and logs. */
  info(): { pid: number | undefined; ready: boolean; restarts: number; alive: boolean; failed: boolean };
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  /** How long `stop()` waits after SIGTERM before SIGKILL (a worker finishing its jobs needs longer than the default). */
  stopTimeoutMs?: number;
  /** Give up after this many restarts in a row without reaching ready (a crash loop); infinite by default. */
  maxRestarts?: number;
}

/** One second after the first crash, doubling to at most 30 s, as a container runtime's restart back-off. */
const RESTART_BACKOFF = { initialDelayMs: 1_000, maxDelayMs: 30_000 };

/**
 * Runs a child process, echoing its output with a prefix, and restarts it (with backoff) when
 * it dies unexpectedly, as a container runtime would; `stop()` sends SIGTERM and waits.
 */
export function supervise(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  marker: string,
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

  const launch = (): void => {
    const c = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    let buffer = '';
    c.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith(marker)) {
          everReady = true;
          readyNow = true;
          restarts = 0;
          resolveReady(JSON.parse(line.slice(marker.length)) as Record<string, unknown>);
        } else if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
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
      setTimeout(() => !stopping && launch(), delay);
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
    async stop() {
      stopping = true;
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), options.stopTimeoutMs ?? 15_000);
      await once(c, 'exit');
      clearTimeout(timer);
    },
  };
}
