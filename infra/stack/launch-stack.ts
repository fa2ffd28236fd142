import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built entry point, whether this module runs from source (tests) or from dist/ (benchmarks). */
function builtStart(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = resolve(dir, '..');
  return join(dir, 'dist/infra/stack/start.js');
}
const START = builtStart();

export interface LaunchedStack {
  url: string;
  /** Azurite's connection string. */
  storage: string;
  apiKey: string;
  /** The local editor's desk key, and the desk's sign-in link that carries it. */
  editorKey: string;
  deskUrl: string;
  mailDropPort: number;
  /** The mail drop's SMTP AUTH login: the first development mail sender, and the password `npm start` prints. */
  mailDropUser: string;
  mailDropPassword: string;
  /** The local webhook inbox's `/deliveries` (POST a delivery, GET what came): the development client's default webhook. */
  inboxUrl: string;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

type Ready = Pick<
  LaunchedStack,
  'url' | 'storage' | 'apiKey' | 'editorKey' | 'deskUrl' | 'mailDropPort' | 'mailDropUser' | 'mailDropPassword' | 'inboxUrl'
>;

/**
 * Runs the whole pipeline exactly as `npm start` does (the built start.js), on free ports and a
 * fresh data folder unless `env` says otherwise — for tests and benchmarks.
 */
export async function launchStack(
  env: Record<string, string> = {},
  options: { echoStderr?: boolean; detached?: boolean } = {},
): Promise<LaunchedStack> {
  const dataDir = env.NEWSDESK_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'newsdesk-stack-'));
  const child = spawn(process.execPath, [START], {
    env: {
      ...process.env,
      NEWSDESK_HOST_PORT: '0',
      NEWSDESK_RPC_PORT: '0',
      NEWSDESK_AZURITE_BLOB_PORT: '0',
      NEWSDESK_AZURITE_QUEUE_PORT: '0',
      NEWSDESK_AZURITE_TABLE_PORT: '0',
      NEWSDESK_MAILDROP_PORT: '0',
      NEWSDESK_INBOX_PORT: '0',
      NEWSDESK_CLASSIFIER_PORT: '0',
      ...env,
      NEWSDESK_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Leading its own process group lets a test signal the whole group, as a terminal's Ctrl-C does.
    detached: options.detached ?? false,
  });
  let out = '';
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
    if (options.echoStderr) process.stderr.write(c);
  });
  const ready = await new Promise<Ready>((resolveReady, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /NEWSDESK_READY (.*)/.exec(out);
      if (m?.[1]) resolveReady(JSON.parse(m[1]) as Ready);
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
