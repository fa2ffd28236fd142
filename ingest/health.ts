import { app, type HttpResponseInit } from '@azure/functions';
import type { BlobServiceClient } from '@azure/storage-blob';

export interface HealthDeps {
  blobService: BlobServiceClient;
}

/** `GET /api/health` (no key): 200 once storage answers, 503 with the failing check otherwise. */
export function createHealthHandler(deps: HealthDeps): () => Promise<HttpResponseInit> {
  return async () => {
    try {
      await deps.blobService.getProperties();
      return { status: 200, jsonBody: { status: 'ok', checks: { storage: 'ok' } } };
    } catch (error) {
      return {
        status: 503,
        headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
        jsonBody: { type: 'about:blank', title: 'Not ready', status: 503, detail: `storage: ${(error as Error).message}` },
      };
    }
  };
}

export function registerHealth(deps: HealthDeps): void {
  app.http('health', { route: 'health', methods: ['GET'], authLevel: 'anonymous', handler: createHealthHandler(deps) });
}
