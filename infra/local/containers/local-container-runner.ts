import { supervise, type SupervisedProcess } from '../supervise.js';

/**
 * One worker as the runner sees it, in the states a cloud container runner reports (so one autoscaler
 * drives either): its id is never reused by the runner; 'stopping' ones are on their way out,
 * 'failed' ones crashed before getting ready too often; `restarts` counts the runner's restarts.
 */
export interface WorkerInstance {
  id: string;
  state: 'starting' | 'running' | 'stopping' | 'failed';
  startedAt: Date;
  restarts: number;
}

export interface LocalContainerRunnerOptions {
  /** The worker's entry point (a built Node script) — what the container image runs. */
  entry: string;
  /** The environment a worker container gets (the same names as in the cloud). */
  env: NodeJS.ProcessEnv;
  /** After SIGTERM, how long a worker may finish its jobs before it is killed (longer than its shutdown grace). */
  stopTimeoutMs: number;
  /** The line prefix a worker prints on stdout, followed by JSON, once it is ready (e.g. `WORKER_READY `). */
  readyMarker: string;
  /** The environment variable that tells each worker its id (as the cloud runner names its container). */
  idVariable?: string;
  namePrefix?: string;
  /** Restarts in a row, without reaching ready, after which a worker counts as failed (and the autoscaler replaces it). */
  maxRestarts?: number;
  /** Opens an IPC channel to each worker, for `broadcast` (a Node worker hears it on `process.on('message')`). */
  ipc?: boolean;
}

interface Running {
  process: SupervisedProcess;
  startedAt: Date;
  stopping: boolean;
}

/**
 * Containers on one machine: each worker is a child process started with the container's
 * environment, restarted when it crashes (as a container runtime with restart policy Always
 * does). Its list/start/stop shape is a container runner port's, so an autoscaler written for
 * Azure Container Instances drives it unchanged.
 */
export class LocalContainerRunner {
  private readonly workers = new Map<string, Running>();
  private counter = 0;

  constructor(private readonly options: LocalContainerRunnerOptions) {}

  async list(): Promise<WorkerInstance[]> {
    return [...this.workers].map(([id, w]) => {
      const info = w.process.info();
      const state = info.failed ? 'failed' : w.stopping ? 'stopping' : info.ready ? 'running' : 'starting';
      return { id, state, startedAt: w.startedAt, restarts: info.restarts };
    });
  }

  async start(count: number): Promise<WorkerInstance[]> {
    const started: WorkerInstance[] = [];
    for (let i = 0; i < count; i++) {
      const id = `${this.options.namePrefix ?? 'worker'}-${++this.counter}`;
      const env = this.options.idVariable ? { ...this.options.env, [this.options.idVariable]: id } : this.options.env;
      const process = supervise(id, [this.options.entry], env, this.options.readyMarker, {
        stopTimeoutMs: this.options.stopTimeoutMs,
        maxRestarts: this.options.maxRestarts ?? 5,
        ipc: this.options.ipc,
      });
      // A worker that never gets ready shows as 'failed' in list(); nothing awaits this promise.
      process.ready.catch(() => undefined);
      const startedAt = new Date();
      this.workers.set(id, { process, startedAt, stopping: false });
      started.push({ id, state: 'starting', startedAt, restarts: 0 });
    }
    return started;
  }

  /** Stops one worker; `timeoutMs` overrides how long it may finish its jobs before it is killed. */
  async stop(id: string, timeoutMs?: number): Promise<void> {
    const worker = this.workers.get(id);
    if (!worker) return;
    worker.stopping = true;
    await worker.process.stop(timeoutMs);
    this.workers.delete(id);
  }

  /**
   * Sends `message` to every worker that is not stopping, over its IPC channel (the `ipc` option), best-effort: a
   * worker starting or restarting misses it. Answers how many it was sent to.
   */
  broadcast(message: string): number {
    let sent = 0;
    for (const worker of this.workers.values()) if (!worker.stopping && worker.process.send(message)) sent++;
    return sent;
  }

  /** The pids of running workers (tests kill one mid-job). */
  pids(): Record<string, number | undefined> {
    return Object.fromEntries([...this.workers].map(([id, w]) => [id, w.process.info().pid]));
  }

  async stopAll(timeoutMs?: number): Promise<void> {
    await Promise.all([...this.workers.keys()].map((id) => this.stop(id, timeoutMs)));
  }
}
