/** A named readiness check: resolves when the dependency answers; it should stop its work when `signal` aborts. */
export type HealthCheck = (signal: AbortSignal) => Promise<unknown>;

/** What one check came to: `ok`, `timeout after N ms` (it did not answer) or `error: why` (it answered with a failure). */
export type HealthCheckResult = 'ok' | `timeout after ${number} ms` | `error: ${string}`;

/**
 * Runs one check under its own deadline. A dependency that hangs (Azurite killed, a storage SDK retrying
 * for 16 s) must not hold up the health answer: past the deadline the result is `timeout` and the check is
 * aborted, and whatever it does later (answer or reject) is ignored rather than left unhandled.
 */
export async function runHealthCheck(check: HealthCheck, timeoutMs: number): Promise<HealthCheckResult> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<HealthCheckResult>((resolve) => {
    timer = setTimeout(() => {
      // Settle first, then abort: a check that rejects on abort must not win the race as an `error`.
      resolve(`timeout after ${timeoutMs} ms`);
      controller.abort(new Error(`health check timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  const answered = Promise.resolve()
    .then(() => check(controller.signal))
    .then(
      (): HealthCheckResult => 'ok',
      (error: unknown): HealthCheckResult => `error: ${(error instanceof Error && error.message) || 'failed'}`,
    );
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
