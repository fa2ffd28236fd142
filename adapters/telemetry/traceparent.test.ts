import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inSpan } from './in-span.js';
import type { SpanLine } from './json-lines-span-exporter.js';
import { startTelemetry } from './start-telemetry.js';
import { contextOfHeaders, currentTraceparent, withTraceHeaders } from './traceparent.js';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;
const file = join(mkdtempSync(join(tmpdir(), 'traceparent-')), 'traces.jsonl');
const spans = () =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as SpanLine);

beforeAll(() => startTelemetry({ serviceName: 'unit', settings: { traceFile: file } }));

describe('traceparent across a process boundary', () => {
  it('a stored traceparent makes the next stage a child in the same trace', async () => {
    const stored = await inSpan('submission.receive', { root: true }, async () => currentTraceparent());
    const [, traceId, parentId] = TRACEPARENT.exec(stored ?? '') ?? [];
    expect(traceId).toBeDefined();

    // Later, elsewhere (an activity, a worker): nothing active but the string.
    const child = await inSpan('worker.job', { parent: stored }, async () => currentTraceparent());
    const line = spans().find((s) => s.name === 'worker.job')!;
    expect(line).toMatchObject({ traceId, parentSpanId: parentId, service: 'unit' });
    expect(child).toMatch(new RegExp(`^00-${traceId}-${line.spanId}-01$`));
  });

  it('outgoing headers carry the active span, and a server extracts it from them', async () => {
    const { headers, traceId } = await inSpan('classify', {}, async (span) => ({
      headers: withTraceHeaders({ 'content-type': 'image/jpeg' }),
      traceId: span.spanContext().traceId,
    }));
    expect(headers['content-type']).toBe('image/jpeg');
    expect((headers as Record<string, string>).traceparent).toMatch(TRACEPARENT);
    const parent = contextOfHeaders({ traceparent: (headers as Record<string, string>).traceparent });
    await inSpan('classifier.analyze', { parent }, async () => undefined);
    const server = spans().find((s) => s.name === 'classifier.analyze')!;
    const client = spans().find((s) => s.name === 'classify')!;
    expect(server).toMatchObject({ traceId, parentSpanId: client.spanId });
  });

  it('a missing or malformed traceparent starts a new trace instead of failing', async () => {
    for (const parent of [undefined, 'not-a-traceparent']) {
      const tp = await inSpan('orphan', { parent, root: true }, async () => currentTraceparent());
      expect(tp).toMatch(TRACEPARENT);
    }
  });

  it('an error inside a span is recorded on it and rethrown', async () => {
    await expect(inSpan('failing', {}, () => Promise.reject(new Error('no luck')))).rejects.toThrow('no luck');
    expect(spans().find((s) => s.name === 'failing')?.status).toEqual({ code: 2, message: 'no luck' });
  });
});
