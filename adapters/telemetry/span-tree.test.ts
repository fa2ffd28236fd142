import { describe, expect, it } from 'vitest';
import type { SpanLine } from './json-lines-span-exporter.js';
import { formatSpanTree, parseSpanLines, spansOfSubmission } from './span-tree.js';

const span = (s: Partial<SpanLine> & Pick<SpanLine, 'spanId' | 'name'>): SpanLine => ({
  traceId: 't1',
  service: 'newsdesk-functions',
  kind: 0,
  start: 1000,
  end: 1010,
  attributes: {},
  status: { code: 0 },
  ...s,
});

const trace1 = [
  span({ spanId: 'a', name: 'submission.receive', attributes: { 'newsdesk.submission_id': 's1' }, start: 1000, end: 1050 }),
  span({ spanId: 'c', parentSpanId: 'b', name: 'worker.job', service: 'newsdesk-worker', start: 1200, end: 1900 }),
  span({ spanId: 'b', parentSpanId: 'a', name: 'activity.enqueueAnalysis', start: 1100, end: 1120 }),
  span({ spanId: 'd', parentSpanId: 'c', name: 'classifier.analyze', service: 'newsdesk-classifier', start: 1300, end: 1800 }),
  span({
    spanId: 'e',
    parentSpanId: 'a',
    name: 'activity.deliverWebhook',
    start: 2000,
    end: 2030,
    attributes: { 'newsdesk.outcome': 'delivered' },
  }),
];
const other = [
  span({ traceId: 't2', spanId: 'x', name: 'submission.receive', attributes: { 'newsdesk.submission_id': 's2' }, start: 5000 }),
];

describe('span tree', () => {
  it('parses trace-file lines, skipping a torn last line', () => {
    const text = `${trace1.map((s) => JSON.stringify(s)).join('\n')}\n{"traceId":"t1","spa`;
    expect(parseSpanLines(text)).toHaveLength(5);
  });

  it("finds a submission's whole trace by its id, or the latest submission's", () => {
    expect(spansOfSubmission([...trace1, ...other], 's1').map((s) => s.spanId)).toEqual(['a', 'c', 'b', 'd', 'e']);
    expect(spansOfSubmission([...trace1, ...other]).map((s) => s.spanId)).toEqual(['x']);
    expect(spansOfSubmission(trace1, 'nope')).toEqual([]);
  });

  it('prints children under their parents in start order, with offset, duration and service', () => {
    const lines = formatSpanTree(trace1).split('\n');
    expect(lines[0]).toBe('trace t1 (5 spans)');
    expect(lines.slice(1).map((l) => l.replace(/^.*? ms +\d+ ms {2}/, ''))).toEqual([
      'submission.receive [newsdesk-functions]',
      '  activity.enqueueAnalysis [newsdesk-functions]',
      '    worker.job [newsdesk-worker]',
      '      classifier.analyze [newsdesk-classifier]',
      '  activity.deliverWebhook [newsdesk-functions] outcome=delivered',
    ]);
    expect(lines[3]).toMatch(/^ +\+200 ms +700 ms {2}/);
  });

  it('shows a span whose parent was not exported at the top level', () => {
    const text = formatSpanTree([span({ spanId: 'z', parentSpanId: 'missing', name: 'late' })]);
    expect(text.split('\n')[1]).toMatch(/ {2}late \[newsdesk-functions\]$/);
  });
});
