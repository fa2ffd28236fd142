/**
 * How a failed attempt ends. Errors that say `retryable: false` (a damaged file, a format we
 * cannot decode, a classifier that refuses the image) fail the same way on every delivery, so the
 * worker reports AnalysisFailed at once; anything else may pass on a later delivery.
 */
export function failureOf(error: unknown): { retryable: boolean; reason: string } {
  const retryable = (error as { retryable?: unknown } | null)?.retryable !== false;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const reason = typeof code === 'string' ? `${code}: ${message}` : message;
  return { retryable, reason: reason.slice(0, 2000) };
}
