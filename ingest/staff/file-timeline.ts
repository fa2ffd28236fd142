import type { FileStateRecord, SubmissionRecord } from '../../adapters/ingest-store/ingest-store.js';

export interface TimelineEntry {
  state: 'received' | 'queued' | 'escalated' | 'analysed' | 'failed' | 'timed-out' | 'resolved' | 'cancelled' | 'delivered';
  at: string;
  /** Since the entry before (0 for the first). */
  durationMs: number;
}

/**
 * One file's way through the pipeline, in time order, from what was recorded: the submission's arrival, when its files
 * were queued (it began processing) or it was cancelled, the first time of each of the file's states, the editor's
 * resolution, and when the client first had the result. A step not taken (yet) is left out.
 */
export function fileTimeline(
  record: SubmissionRecord,
  state: FileStateRecord | undefined,
  deliveredAt: string | undefined,
): TimelineEntry[] {
  const since = state?.since ?? {};
  const steps: [TimelineEntry['state'], string | undefined][] = [
    ['received', record.receivedAt],
    ['queued', record.statusSince?.processing],
    ['escalated', since.escalated],
    ['resolved', state?.resolution?.at],
    ['analysed', since.completed],
    ['failed', since.failed],
    ['timed-out', since['timed-out']],
    ['cancelled', record.statusSince?.cancelled],
    ['delivered', deliveredAt],
  ];
  const taken = steps
    .filter((step): step is [TimelineEntry['state'], string] => step[1] !== undefined)
    .map(([s, at], order) => ({ s, at, order }))
    // Stable for equal times: the order above is the pipeline's.
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.order - b.order);
  return taken.map(({ s, at }, i) => ({
    state: s,
    at,
    durationMs: i === 0 ? 0 : Math.max(0, Date.parse(at) - Date.parse(taken[i - 1]!.at)),
  }));
}
