import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = resolve(fileURLToPath(new URL('.', import.meta.url)), '../classifier/main.js');
const KEY = 'bench-classifier-key';
/** Linux's USER_HZ. */
const TICKS_PER_SECOND = 100;

export interface BenchClassifier {
  url: string;
  loadMs: number;
  threads: number;
  /** Milliseconds for one analyze call; throws unless 200. */
  analyze(features: string, bytes: Buffer): Promise<number>;
  /** The service process's resident memory now, in MiB (Linux /proc). */
  rssMiB(): number;
  /** CPU time the service process has used so far, all threads, in seconds (Linux /proc). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** The classifier service as npm start runs it (dist/classifier/main.js), with `env` on top of the bench's own. */
export async function startBenchClassifier(env: Record<string, string>): Promise<BenchClassifier> {
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: { ...process.env, NEWSDESK_CLASSIFIER_PORT: '0', NEWSDESK_CLASSIFIER_KEY: KEY, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ url: string; loadMs: number; threads: number }>((res, rej) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /CLASSIFIER_READY (.*)/.exec(out);
      if (m?.[1]) res(JSON.parse(m[1]) as { url: string; loadMs: number; threads: number });
    });
    child.once('exit', (code) => rej(new Error(`the classifier exited (${code}) before it was ready`)));
  });
  return {
    ...ready,
    async analyze(features, bytes) {
      const started = performance.now();
      const res = await fetch(`${ready.url}/computervision/imageanalysis:analyze?api-version=2023-10-01&features=${features}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'ocp-apim-subscription-key': KEY },
        body: new Uint8Array(bytes),
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`the classifier answered ${res.status} for features=${features}`);
      return performance.now() - started;
    },
    rssMiB() {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
      return Number(kb) / 1024;
    },
    cpuSeconds() {
      // Fields 14 and 15 of /proc/<pid>/stat (utime, stime) in clock ticks, counted after the command's closing ")".
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Images per second with `inFlight` requests at once, `total` in all; and the service's CPU time per image, and cores busy. */
export async function throughput(service: BenchClassifier, features: string, bytes: Buffer, inFlight: number, total: number) {
  const started = performance.now();
  const cpuBefore = service.cpuSeconds();
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < total) await service.analyze(features, bytes);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = service.cpuSeconds() - cpuBefore;
  return { perSecond: total / seconds, cpuMsPerImage: (cpu * 1000) / total, cores: cpu / seconds };
}
