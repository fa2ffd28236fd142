/**
 * Stops a long-running service on SIGTERM (the container's or supervisor's stop) or SIGINT (Ctrl-C), then exits: 0 when
 * `stop` resolves, 1 after `onFailed` has said why it did not. A second signal while stopping is ignored: the first
 * one's grace period is already running, and a supervisor that loses patience kills.
 */
export function stopOnSignals(stop: (signal: NodeJS.Signals) => Promise<void>, onFailed: (error: Error) => void): void {
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    void stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        onFailed(error as Error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
