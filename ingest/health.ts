import { app, type HttpResponseInit } from '@azure/functions';

/** A named readiness check: resolves when the dependency answers. */
export type HealthChecks = Record<string, () => Promise<unknown>>;

/** `GET /api/health` (no key): 200 once every check passes (storage, tables, events), else 503 naming the failures. */
export function createHealthHandler(checks: HealthChecks): () => Promise<HttpResponseInit> {
  return async () => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await check();
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, (error as Error).message || 'failed'] as const;
        }
      }),
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
