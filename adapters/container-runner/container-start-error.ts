import { ContainerRunnerError } from './container-runner-error.js';
import type { WorkerInstance } from './container-runner.js';

/** Some of the workers a start asked for were refused; `started` lists the ones that do exist. */
export class ContainerStartError extends ContainerRunnerError {
  override readonly name = 'ContainerStartError';
  readonly started: WorkerInstance[];
  readonly failures: ContainerRunnerError[];

  constructor(started: WorkerInstance[], failures: ContainerRunnerError[]) {
    const first = failures[0];
    super(`${failures.length} of ${started.length + failures.length} workers could not be started: ${first?.message ?? 'unknown'}`, {
      code: first?.code ?? 'StartFailed',
      statusCode: first?.statusCode,
      cause: first,
    });
    this.started = started;
    this.failures = failures;
  }
}
