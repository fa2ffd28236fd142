import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HrTime } from '@opentelemetry/api';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-node';

/** One finished span as a line of the trace file; print-trace and the tests read this shape. */
export interface SpanLine {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  service: string;
  kind: number;
  /** Epoch milliseconds (fractional). */
  start: number;
  end: number;
  attributes: Record<string, unknown>;
  status: { code: number; message?: string };
}

const ms = ([s, ns]: HrTime) => s * 1000 + ns / 1e6;

export function toSpanLine(span: ReadableSpan): SpanLine {
  const { traceId, spanId } = span.spanContext();
  return {
    traceId,
    spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    name: span.name,
    service: String(span.resource.attributes['service.name'] ?? 'unknown'),
    kind: span.kind,
    start: ms(span.startTime),
    end: ms(span.endTime),
    attributes: { ...span.attributes },
    status: span.status.message ? { code: span.status.code, message: span.status.message } : { code: span.status.code },
  };
}

/**
 * Appends finished spans to a JSON-lines file. Host, workers and classifier share one file locally:
 * each batch is one synchronous append (O_APPEND), so lines from several processes never interleave,
 * and nothing is left in memory when a process is killed.
 */
export class JsonLinesSpanExporter implements SpanExporter {
  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
  }

  export(spans: ReadableSpan[], done: Parameters<SpanExporter['export']>[1]): void {
    try {
      appendFileSync(this.path, spans.map((s) => `${JSON.stringify(toSpanLine(s))}\n`).join(''));
      done({ code: 0 });
    } catch (error) {
      // Telemetry never fails the work it describes.
      done({ code: 1, error: error as Error });
    }
  }

  async shutdown(): Promise<void> {}
  async forceFlush(): Promise<void> {}
}
