import type { SubmissionRow } from '../api/types.js';

/**
 * The list after a live row arrived: a known submission is replaced where it stands (or dropped when it no longer
 * matches the filters), a new one that matches goes in newest first. Returns the same array when nothing changed, so
 * Preact skips the render.
 */
export function mergeRow(rows: SubmissionRow[], row: SubmissionRow, matches: boolean): SubmissionRow[] {
  const at = rows.findIndex((r) => r.submissionId === row.submissionId);
  if (at !== -1) return matches ? rows.with(at, row) : rows.toSpliced(at, 1);
  if (!matches) return rows;
  const received = Date.parse(row.receivedAt);
  const before = rows.findIndex((r) => Date.parse(r.receivedAt) < received);
  return before === -1 ? [...rows, row] : rows.toSpliced(before, 0, row);
}
