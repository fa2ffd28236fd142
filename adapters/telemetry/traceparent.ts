import { context, propagation, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';

type Carrier = Record<string, string>;

/** The W3C `traceparent` of the active span, to store with work handed to another process; undefined without one. */
export function currentTraceparent(): string | undefined {
  const carrier: Carrier = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** A context whose parent is the span a stored `traceparent` names (the root context when there is none or it is malformed). */
export function contextOf(traceparent: string | undefined): Context {
  if (!traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}

/** Adds the active span's `traceparent` (and `tracestate`) to outgoing HTTP headers. */
export function withTraceHeaders<T extends Record<string, string>>(headers: T): T {
  const carrier: Carrier = {};
  propagation.inject(context.active(), carrier);
  return { ...headers, ...carrier };
}

/** The context an incoming HTTP request carries (node:http's lower-cased headers). */
export function contextOfHeaders(headers: Record<string, string | string[] | undefined>): Context {
  const value = headers.traceparent;
  const traceparent = Array.isArray(value) ? value[0] : value;
  const state = headers.tracestate;
  return propagation.extract(ROOT_CONTEXT, {
    ...(traceparent ? { traceparent } : {}),
    ...(typeof state === 'string' ? { tracestate: state } : {}),
  });
}

/** Whether `ctx` has a valid parent span: a request without one starts a new trace. */
export const hasParent = (ctx: Context): boolean => trace.getSpanContext(ctx) !== undefined;
