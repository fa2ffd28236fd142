/**
 * Stops a long-running service on SIGTERM (the container's or supervisor's stop) or SIGINT (Ctrl-C), then exits: 0 when
 * `stop` resolves, 1 after `onFailed` has said why it did not. A second signal while stopping is ignored: the first
 * one's grace period is already running, and a supervisor that loses patience kills. Returns the same shutdown for a
 * service that decides to stop by itself (a worker run as a job execution, once the queue is empty).
 */
export function stopOnSignals(stop: (reason: string) => Promise<void>, onFailed: (error: Error) => void): (reason: string) => void {
  let stopping = false;
  const shutdown = (reason: string) => {
    if (stopping) return;
    stopping = true;
    void stop(reason).then(
      () => process.exit(0),
      (error: unknown) => {
        onFailed(error as Error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  return shutdown;
}
