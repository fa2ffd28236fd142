import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { SpanKind } from '@opentelemetry/api';
import type { z } from 'zod';
import { inSpan } from '../../adapters/telemetry/in-span.js';
import type { channel } from '../../contracts/submission.js';

type Handler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/**
 * Runs an intake handler in `submission.receive`, the root span of the submission's trace: always
 * a new trace (a client's own trace context is not continued), so one submission is one trace.
 * acceptSubmission names the submission on it and stores its traceparent with the event.
 */
export function receiving(via: z.infer<typeof channel>, fn: Handler): Handler {
  return (request, context) =>
    inSpan('submission.receive', { root: true, kind: SpanKind.SERVER, attributes: { 'newsdesk.channel': via } }, async (span) => {
      const response = await fn(request, context);
      span.setAttribute('http.response.status_code', response.status ?? 200);
      return response;
    });
}
