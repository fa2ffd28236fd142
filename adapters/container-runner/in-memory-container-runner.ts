import type { ContainerRunner, WorkerInstance, WorkerState } from './container-runner.js';

/**
 * A ContainerRunner that only keeps a list: for unit tests of code that drives a runner (the autoscaler).
 * It passes the contract, and `setState` lets a test play the platform (a worker that failed, one that came up).
 */
export class InMemoryContainerRunner implements ContainerRunner {
  private readonly workers = new Map<string, WorkerInstance>();
  private next = 1;

  constructor(private readonly options: { prefix?: string; initialState?: WorkerState; clock?: () => Date } = {}) {}

  async list(): Promise<WorkerInstance[]> {
    return [...this.workers.values()].map((w) => ({ ...w }));
  }

  async start(count: number): Promise<WorkerInstance[]> {
    const started: WorkerInstance[] = [];
    for (let i = 0; i < count; i++) {
      const worker: WorkerInstance = {
        id: `${this.options.prefix ?? 'worker'}-${this.next++}`,
        state: this.options.initialState ?? 'running',
        startedAt: this.options.clock?.() ?? new Date(),
      };
      this.workers.set(worker.id, worker);
      started.push({ ...worker });
    }
    return started;
  }

  async stop(id: string): Promise<void> {
    this.workers.delete(id);
  }

  setState(id: string, state: WorkerState): void {
    const worker = this.workers.get(id);
    if (!worker) throw new Error(`No worker ${id}`);
    worker.state = state;
  }
}
