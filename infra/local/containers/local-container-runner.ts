import type { ContainerRunner, WorkerInstance } from '../../../adapters/container-runner/container-runner.js';
import { supervise, type SupervisedProcess } from '../supervise.js';

export interface LocalContainerRunnerOptions {
  /** The worker's entry point, `dist/workers/main.js` — what the container image runs. */
  entry: string;
  /** The environment a worker container gets (the same names as in Azure). */
  env: NodeJS.ProcessEnv;
  /** After SIGTERM, how long a worker may finish its jobs before it is killed (longer than its shutdown grace). */
  stopTimeoutMs: number;
  namePrefix?: string;
  /** Restarts in a row, without reaching ready, after which a worker counts as failed (and the autoscaler replaces it). */
  maxRestarts?: number;
}

interface Running {
  process: SupervisedProcess;
  startedAt: Date;
  stopping: boolean;
}

/**
 * Containers on one machine: each worker is a child process started with the container's
 * environment, restarted when it crashes (as a container runtime with restart policy Always
 * does). The autoscaler drives it through the same ContainerRunner port as Azure Container Instances.
 */
export class LocalContainerRunner implements ContainerRunner {
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
      const process = supervise(id, [this.options.entry], { ...this.options.env, NEWSDESK_WORKER_ID: id }, 'WORKER_READY ', {
        stopTimeoutMs: this.options.stopTimeoutMs,
        maxRestarts: this.options.maxRestarts ?? 5,
      });
      // A worker that never gets ready shows as 'failed' in list(); nothing awaits this promise.
      process.ready.catch(() => undefined);
      const startedAt = new Date();
      this.workers.set(id, { process, startedAt, stopping: false });
      started.push({ id, state: 'starting', startedAt, restarts: 0 });
    }
    return started;
  }

  async stop(id: string): Promise<void> {
    const worker = this.workers.get(id);
    if (!worker) return;
    worker.stopping = true;
    await worker.process.stop();
    this.workers.delete(id);
  }

  /** The pids of running workers (tests kill one mid-job). */
  pids(): Record<string, number | undefined> {
    return Object.fromEntries([...this.workers].map(([id, w]) => [id, w.process.info().pid]));
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.workers.keys()].map((id) => this.stop(id)));
  }
}
