/**
 * 'stopping' workers are on their way out: they count neither as capacity nor as candidates to stop.
 * 'failed' ones never became (or stopped being) useful and are replaced by the scaler.
 */
export type WorkerState = 'starting' | 'running' | 'stopping' | 'failed';

export interface WorkerInstance {
  /** Stable for the worker's life and never reused by the same runner, so a stop can't hit a newer worker. */
  id: string;
  state: WorkerState;
  startedAt: Date;
  /** How often the platform restarted the worker's process, where the runner can tell. */
  restarts?: number;
}

/**
 * The port for starting and stopping container workers. Adapters: AciContainerRunner (Azure Container
 * Instances, one container group per worker) and the local runner in infra/local (child processes).
 * Every adapter passes container-runner.contract.ts.
 */
export interface ContainerRunner {
  /** This runner's workers, as the platform sees them now. */
  list(): Promise<WorkerInstance[]>;
  /**
   * Starts `count` more workers and returns them. Each worker's id is chosen before anything is asked of the
   * platform, so a request the platform (or SDK) retries names the same worker and does not create a second one.
   */
  start(count: number): Promise<WorkerInstance[]>;
  /** Stops one worker and resolves once it is gone. A worker that is already gone (or never was) is fine. */
  stop(id: string): Promise<void>;
}
