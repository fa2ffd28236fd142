import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface SupervisedProcess {
  /** Resolves with the JSON after the ready marker the child prints on stdout. */
  ready: Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/**
 * Runs a child process, echoing its output with a prefix, and restarts it (with backoff) when
 * it dies unexpectedly, as a container runtime would; `stop()` sends SIGTERM and waits.
 */
export function supervise(name: string, args: string[], env: NodeJS.ProcessEnv, marker: string): SupervisedProcess {
  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;
  let resolveReady!: (v: Record<string, unknown>) => void;
  let rejectReady!: (e: Error) => void;
  const ready = new Promise<Record<string, unknown>>((res, rej) => ((resolveReady = res), (rejectReady = rej)));
  let everReady = false;

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
          restarts = 0;
          resolveReady(JSON.parse(line.slice(marker.length)) as Record<string, unknown>);
        } else if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
      }
    });
    c.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk.toString().replace(/^(?=.)/gm, `[${name}] `)));
    c.once('exit', (code, signal) => {
      if (stopping) return;
      if (!everReady) return rejectReady(new Error(`${name} exited (${code ?? signal}) before it was ready`));
      restarts++;
      const delay = Math.min(30_000, 500 * 2 ** Math.min(restarts, 6));
      console.error(`[${name}] exited (${code ?? signal}); restarting in ${delay} ms`);
      setTimeout(() => !stopping && launch(), delay);
    });
  };
  launch();
  return {
    ready,
    async stop() {
      stopping = true;
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
      await once(c, 'exit');
      clearTimeout(timer);
    },
  };
}
