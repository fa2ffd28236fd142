import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hostCliPath } from '@newsdesk/local-platform';
import { ROOT } from './root.js';

export const MASTER_KEY = 'conformance-master-key-0123456789';

export interface HostProcess {
  url: string;
  rpcBaseUrl: string;
  dataDir: string;
  child: ChildProcess;
  logs(): string;
  /** Durable HTTP API URL (public route, master key). */
  durable(path: string, query?: string): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface HostProcessOptions {
  app: string;
  dataDir?: string;
  args?: string[];
  env?: Record<string, string>;
}

/** Starts the built host CLI (the platform package's `dist/`) as a child process on free ports and waits until it is ready. */
export async function startHostProcess(o: HostProcessOptions): Promise<HostProcess> {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'newsdesk-host-'));
  const child = spawn(
    process.execPath,
    [hostCliPath(), '--app', resolve(ROOT, o.app), '--port', '0', '--rpc-port', '0', '--data', dataDir, '--quiet', ...(o.args ?? [])],
    { env: { ...process.env, NEWSDESK_HOST_MASTER_KEY: MASTER_KEY, ...o.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const ready = await new Promise<{ url: string; rpcBaseUrl: string }>((resolveReady, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
      const m = /HOST_READY (.*)/.exec(output);
      if (m?.[1]) resolveReady(JSON.parse(m[1]) as { url: string; rpcBaseUrl: string });
    });
    child.once('exit', (code) => reject(new Error(`host exited (${code}) before ready:\n${output}`)));
    setTimeout(() => reject(new Error(`host not ready in 30 s:\n${output}`)), 30_000).unref();
  });
  return {
    ...ready,
    dataDir,
    child,
    logs: () => output,
    durable: (path, query = '') => `${ready.url}/runtime/webhooks/durabletask/${path}?code=${MASTER_KEY}${query ? '&' + query : ''}`,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await once(child, 'exit');
    },
  };
}
