import { SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { InvocationContext } from '@azure/functions';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { tracedActivity } from './traced-activity.js';

// A real tracer for this file's process, as startTelemetry registers one, exporting to memory.
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();
afterAll(() => provider.shutdown());
beforeEach(() => exporter.reset());

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const traceparent = `00-${TRACE_ID}-b7ad6b7169203331-01`;
const context = new InvocationContext({ functionName: 'escalateAnalysis' });

describe('tracedActivity', () => {
  it("runs the handler in a span `activity.{name}` in the submission's trace, with its ids", async () => {
    const handler = tracedActivity(
      'escalateAnalysis',
      async (input: { submissionId: string; fileId: string; traceparent: string }, ctx: InvocationContext) => {
        expect(ctx).toBe(context);
        return `${input.submissionId}/${input.fileId} in ${trace.getActiveSpan()?.spanContext().traceId}`;
      },
    );
    expect(await handler({ submissionId: 's1', fileId: 'f1', traceparent }, context)).toBe(`s1/f1 in ${TRACE_ID}`);
    const [span] = exporter.getFinishedSpans();
    expect(span!.name).toBe('activity.escalateAnalysis');
    expect(span!.spanContext().traceId).toBe(TRACE_ID);
    expect(span!.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(span!.attributes).toEqual({ 'newsdesk.submission_id': 's1', 'newsdesk.file_id': 'f1' });
  });

  it('starts a trace of its own without a traceparent, and takes a string input as the submission id', async () => {
    await tracedActivity('readSummary', async (id: string) => id)('s2', context);
    const [span] = exporter.getFinishedSpans();
    expect(span!.spanContext().traceId).not.toBe(TRACE_ID);
    expect(span!.parentSpanContext).toBeUndefined();
    expect(span!.attributes).toEqual({ 'newsdesk.submission_id': 's2' });
  });

  it('marks the span failed and rethrows what the handler throws', async () => {
    const failing = tracedActivity('markSubmission', async () => {
      throw new Error('No submission s3.');
    });
    await expect(failing({ submissionId: 's3' }, context)).rejects.toThrow('No submission s3.');
    const [span] = exporter.getFinishedSpans();
    expect(span!.status).toMatchObject({ code: SpanStatusCode.ERROR, message: 'No submission s3.' });
    expect(span!.events.map((e) => e.name)).toEqual(['exception']);
  });
});
