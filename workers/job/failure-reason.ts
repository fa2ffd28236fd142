/** Not the job's fault: a dependency is down for every job ('outage'), or this worker cannot work at all ('worker'). */
export type Fault = 'outage' | 'worker';

/**
 * How a failed attempt ends. Errors that say `retryable: false` (a damaged file, a format we
 * cannot decode, a classifier that refuses the image) fail the same way on every delivery, so the
 * worker reports AnalysisFailed at once; anything else may pass on a later delivery. `fault` says when
 * the job was not tried on its merits (`outage: true` or `workerFault: true` on the error).
 */
export function failureOf(error: unknown): { retryable: boolean; reason: string; fault?: Fault } {
  const e = error as { retryable?: unknown; outage?: unknown; workerFault?: unknown; code?: unknown } | null;
  const retryable = e?.retryable !== false;
  const message = error instanceof Error ? error.message : String(error);
  const reason = (typeof e?.code === 'string' ? `${e.code}: ${message}` : message).slice(0, 2000);
  const fault = e?.workerFault === true ? 'worker' : e?.outage === true ? 'outage' : undefined;
  return fault ? { retryable, reason, fault } : { retryable, reason };
}
