import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { toProblemResponse } from './to-problem-response.js';

/** Wraps a handler so that every error it throws becomes problem details, in one place. */
export function handle(fn: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>): HttpHandler {
  return async (request, context) => {
    try {
      return await fn(request, context);
    } catch (error) {
      const response = toProblemResponse(error, new URL(request.url).pathname);
      if ((response.status ?? 500) >= 500) context.error('request failed', error);
      return response;
    }
  };
}
