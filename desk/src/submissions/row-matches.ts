import type { SubmissionRow } from '../api/types.js';
import type { Filters } from './filters.js';

const lower = (s: string) => s.toLowerCase();

/**
 * Whether a row the live stream brought belongs in the list under these filters: the same tests the API applies to
 * the list itself. `topicName` turns the topic filter's code into the names rows carry.
 */
export function rowMatches(row: SubmissionRow, filters: Filters, topicName: (code: string) => string | undefined): boolean {
  if (filters.status && row.status !== filters.status) return false;
  if (filters.client && row.clientId !== filters.client) return false;
  if (filters.channel && row.channel !== filters.channel) return false;
  if (filters.topic) {
    const name = topicName(filters.topic) ?? filters.topic;
    if (!row.topics.some((t) => lower(t) === lower(name))) return false;
  }
  if (filters.label && !row.labels.some((l) => lower(l) === lower(filters.label.trim()))) return false;
  if (filters.duplicate && row.duplicate !== (filters.duplicate === 'true')) return false;
  const received = Date.parse(row.receivedAt);
  if (filters.from && received < new Date(`${filters.from}T00:00:00`).getTime()) return false;
  if (filters.to && received > new Date(`${filters.to}T23:59:59.999`).getTime()) return false;
  const q = lower(filters.q.trim());
  if (q && ![row.reference ?? '', ...row.names, ...row.bylines].some((text) => lower(text).includes(q))) return false;
  return true;
}
