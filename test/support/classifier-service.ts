import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './root.js';

export interface ClassifierServiceProcess {
  /** Base URL, as an Image Analysis endpoint. */
  endpoint: string;
  key: string;
  modelVersion: string;
  loadMs: number;
  child: ChildProcess;
  logs(): string;
  /** The service process's resident memory now, in MiB (Linux /proc). */
  rssMiB(): number;
  /** SIGTERM, then the exit code (null when it took a signal instead). */
  stop(): Promise<number | null>;
}

/**
 * Starts the built classifier service (`dist/classifier/main.js`, the real entry point with the real models) on a free
 * port, and waits for its `CLASSIFIER_READY {…}` line.
 */
export async function startClassifierService(
  env: Record<string, string> = {},
  readyTimeoutMs = 110_000,
): Promise<ClassifierServiceProcess> {
  const key = env.NEWSDESK_CLASSIFIER_KEY ?? 'integration-classifier-key-0123456789';
  const child = spawn(process.execPath, [join(ROOT, 'dist/classifier/main.js')], {
    env: { ...process.env, NEWSDESK_CLASSIFIER_PORT: '0', NEWSDESK_CLASSIFIER_KEY: key, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const ready = await new Promise<{ url: string; modelVersion: string; loadMs: number }>((resolveReady, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
      const m = /CLASSIFIER_READY (.*)/.exec(output);
      if (m?.[1]) resolveReady(JSON.parse(m[1]) as { url: string; modelVersion: string; loadMs: number });
    });
    child.once('exit', (code) => reject(new Error(`classifier exited (${code}) before ready:\n${output}`)));
    setTimeout(() => reject(new Error(`classifier not ready in ${readyTimeoutMs / 1000} s:\n${output}`)), readyTimeoutMs).unref();
  });
  return {
    endpoint: ready.url,
    key,
    modelVersion: ready.modelVersion,
    loadMs: ready.loadMs,
    child,
    logs: () => output,
    rssMiB: () => {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
      return Number(kb) / 1024;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}
