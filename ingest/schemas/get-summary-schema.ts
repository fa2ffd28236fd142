import { createHash } from 'node:crypto';
import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { summaryJsonSchema } from '../../contracts/summary-json-schema.js';
import { etagMatches } from '../http/etag-matches.js';

/**
 * `GET /api/schemas/submission-summary.v1.json` (no key): the JSON Schema of the webhook's body, for clients to
 * validate deliveries and generate types with. Within a version the schema only grows, so it may be cached for an
 * hour; its ETag says when it changed.
 */
export function createGetSummarySchema(): (request: HttpRequest) => Promise<HttpResponseInit> {
  const body = `${JSON.stringify(summaryJsonSchema(), null, 2)}\n`;
  const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
  const headers = { etag, 'cache-control': 'public, max-age=3600' };
  return async (request) =>
    etagMatches(request.headers.get('if-none-match'), etag)
      ? { status: 304, headers }
      : { status: 200, headers: { ...headers, 'content-type': 'application/schema+json' }, body };
}

export function registerGetSummarySchema(): void {
  app.http('getSummarySchema', {
    // SUMMARY_SCHEMA_FILE, spelled out: the templates' tests read routes as literals (API Management has one per operation).
    route: 'schemas/submission-summary.v1.json',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: createGetSummarySchema(),
  });
}
