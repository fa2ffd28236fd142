import { FILE_ID, OUTCOME, SUBMISSION_ID } from './attributes.js';
import type { SpanLine } from './json-lines-span-exporter.js';

/** Parses a trace file's lines; a torn or foreign line is skipped, not fatal. */
export function parseSpanLines(text: string): SpanLine[] {
  const spans: SpanLine[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const span = JSON.parse(line) as SpanLine;
      if (typeof span.traceId === 'string' && typeof span.spanId === 'string') spans.push(span);
    } catch {
      // A line a killed process left half-written.
    }
  }
  return spans;
}

/**
 * The spans of one submission's trace: the trace of the span that names the submission (its
 * ingest root, or the latest submission's when no id is given).
 */
export function spansOfSubmission(spans: SpanLine[], submissionId?: string): SpanLine[] {
  const marked = spans.filter((s) => (submissionId ? s.attributes[SUBMISSION_ID] === submissionId : s.attributes[SUBMISSION_ID]));
  const anchor = submissionId ? (marked.find((s) => !s.parentSpanId) ?? marked[0]) : marked.filter((s) => !s.parentSpanId).at(-1);
  return anchor ? spans.filter((s) => s.traceId === anchor.traceId) : [];
}

/**
 * One trace as an indented tree in start order: offset from the trace's start, duration, service,
 * name, and the attributes that say what the span worked on. A span whose parent is missing
 * (not exported, or still running) is shown at the top level.
 */
export function formatSpanTree(spans: SpanLine[]): string {
  if (spans.length === 0) return '';
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string | undefined, SpanLine[]>();
  for (const s of spans) {
    const parent = s.parentSpanId && ids.has(s.parentSpanId) ? s.parentSpanId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const t0 = Math.min(...spans.map((s) => s.start));
  const lines = [`trace ${spans[0]!.traceId} (${spans.length} spans)`];
  const walk = (parent: string | undefined, depth: number): void => {
    for (const s of (children.get(parent) ?? []).sort((a, b) => a.start - b.start)) {
      const at = `+${Math.round(s.start - t0)} ms`.padStart(10);
      const took = `${Math.round(s.end - s.start)} ms`.padStart(8);
      const failed = s.status.code === 2 ? ` ERROR${s.status.message ? `: ${s.status.message}` : ''}` : '';
      lines.push(`${at} ${took}  ${'  '.repeat(depth)}${s.name} [${s.service}]${describe(s)}${failed}`);
      walk(s.spanId, depth + 1);
    }
  };
  walk(undefined, 0);
  return lines.join('\n');
}

const SHOWN = [FILE_ID, OUTCOME, 'http.response.status_code'];

function describe(s: SpanLine): string {
  const parts = SHOWN.filter((k) => s.attributes[k] !== undefined).map(
    (k) => `${k.replace(/^newsdesk\.|^http\.response\./, '')}=${String(s.attributes[k])}`,
  );
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}
