import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './host-process.js';

export const STACK_MASTER_KEY = 'stack-master-key-0123456789abcdef';

export interface Stack {
  url: string;
  storage: string;
  apiKey: string;
  mailDropPort: number;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts the whole pipeline exactly as `npm start` does (after the build), on free ports, for a test file. */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'newsdesk-stack-'));
  const child = spawn(process.execPath, [join(ROOT, 'dist/infra/local/start.js')], {
    env: {
      ...process.env,
      NEWSDESK_DATA_DIR: dataDir,
      NEWSDESK_HOST_PORT: '0',
      NEWSDESK_RPC_PORT: '0',
      NEWSDESK_AZURITE_BLOB_PORT: '0',
      NEWSDESK_AZURITE_QUEUE_PORT: '0',
      NEWSDESK_AZURITE_TABLE_PORT: '0',
      NEWSDESK_MAILDROP_PORT: '0',
      NEWSDESK_HOST_MASTER_KEY: STACK_MASTER_KEY,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const ready = await new Promise<{ url: string; storage: string; apiKey: string; mailDropPort: number }>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /NEWSDESK_READY (.*)/.exec(out);
      if (m?.[1]) resolve(JSON.parse(m[1]) as { url: string; storage: string; apiKey: string; mailDropPort: number });
    });
    child.once('exit', (code) => reject(new Error(`the stack exited (${code}) before it was ready:\n${out}`)));
    setTimeout(() => reject(new Error(`the stack was not ready in 60 s:\n${out}`)), 60_000).unref();
  });
  return {
    ...ready,
    dataDir,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
