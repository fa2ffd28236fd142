import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_CONTEXT, SpanStatusCode, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { expect, it } from 'vitest';
import { JsonLinesSpanExporter, type SpanLine } from './json-lines-span-exporter.js';

it('appends each finished span as one JSON line with its trace, parent, service, times, attributes and status', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'spans-')), 'nested', 'traces.jsonl');
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'unit-test' }),
    spanProcessors: [new SimpleSpanProcessor(new JsonLinesSpanExporter(path))],
  });
  const tracer = provider.getTracer('test');
  const parent = tracer.startSpan('parent', { attributes: { 'newsdesk.submission_id': 's1' } });
  const ids = parent.spanContext();
  const child = tracer.startSpan('child', {}, trace.setSpan(ROOT_CONTEXT, parent));
  child.end();
  parent.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
  parent.end();

  const lines = readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as SpanLine);
  expect(lines).toHaveLength(2);
  const [first, second] = lines;
  expect(first).toMatchObject({ name: 'child', traceId: ids.traceId, parentSpanId: ids.spanId });
  expect(second).toMatchObject({
    traceId: ids.traceId,
    spanId: ids.spanId,
    name: 'parent',
    service: 'unit-test',
    attributes: { 'newsdesk.submission_id': 's1' },
    status: { code: SpanStatusCode.ERROR, message: 'boom' },
  });
  expect(second!.parentSpanId).toBeUndefined();
  expect(second!.end).toBeGreaterThanOrEqual(second!.start);
  expect(second!.start).toBeGreaterThan(Date.parse('2020-01-01'));
});
