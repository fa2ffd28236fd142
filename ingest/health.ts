import { app, type HttpResponseInit } from '@azure/functions';
import { runHealthCheck, type HealthCheck } from './run-health-check.js';

/** The named readiness checks: storage, tables, events. */
export type HealthChecks = Record<string, HealthCheck>;

/**
 * Each check's own deadline. Checks run in parallel, so the answer comes within about this long, under the
 * 2 s a load balancer or a client's probe gives it, however many dependencies hang.
 */
export const HEALTH_CHECK_TIMEOUT_MS = 1500;

/** `GET /api/health` (no key): 200 once every check passes, else 503 naming each failed check and why (timeout or error). */
export function createHealthHandler(checks: HealthChecks, timeoutMs = HEALTH_CHECK_TIMEOUT_MS): () => Promise<HttpResponseInit> {
  return async () => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => [name, await runHealthCheck(check, timeoutMs)] as const),
    );
    const failed = results.filter(([, r]) => r !== 'ok');
    if (failed.length === 0) return { status: 200, jsonBody: { status: 'ok', checks: Object.fromEntries(results) } };
    return {
      status: 503,
      headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
      jsonBody: {
        type: 'https://newsdesk.dev/problems/not-ready',
        title: 'Not ready',
        status: 503,
        detail: failed.map(([n, r]) => `${n}: ${r}`).join('; '),
        checks: Object.fromEntries(results),
      },
    };
  };
}

export function registerHealth(checks: HealthChecks): void {
  app.http('health', { route: 'health', methods: ['GET'], authLevel: 'anonymous', handler: createHealthHandler(checks) });
}
