import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { contextOf } from './traceparent.js';

export interface SpanOptions {
  attributes?: Attributes;
  kind?: SpanKind;
  /** The parent: a stored `traceparent`, or a context (an incoming request's); the active span when neither is given. */
  parent?: string | Context;
  /** Starts a new trace, whatever is active (ingest: one trace per submission). */
  root?: boolean;
}

const tracer = () => trace.getTracer('newsdesk');

/**
 * Runs `fn` in a new active span and ends it when `fn` settles: an error is recorded and marks
 * the span failed, then rethrown. Without telemetry started, the API's no-op tracer makes this
 * a plain call.
 */
export function inSpan<T>(name: string, options: SpanOptions, fn: (span: Span) => Promise<T>): Promise<T> {
  const parent =
    options.parent === undefined ? context.active() : typeof options.parent === 'string' ? contextOf(options.parent) : options.parent;
  const spanOptions = { attributes: options.attributes, kind: options.kind ?? SpanKind.INTERNAL, root: options.root };
  return tracer().startActiveSpan(name, spanOptions, parent, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}
