import { isListingCursor } from '../../adapters/ingest-store/desk-records.js';
import type { SubmissionRecord, SubmissionStatus } from '../../adapters/ingest-store/ingest-store.js';
import { MEDIA_TOPICS } from '../../contracts/media-topics.js';
import { HttpError } from '../http/http-error.js';
import type { SubmissionRow } from './submission-row.js';

const STATUSES: SubmissionStatus[] = ['received', 'processing', 'completed', 'partial', 'failed', 'cancelled'];
const CHANNELS: SubmissionRecord['channel'][] = ['http', 'upload-session', 'email'];
const KNOWN = new Set(['status', 'client', 'channel', 'topic', 'label', 'duplicate', 'from', 'to', 'q', 'limit', 'cursor']);
const TOPIC_NAMES = new Map(Object.values(MEDIA_TOPICS).map((t) => [t.code, t.label.toLowerCase()]));

/** What `GET /api/staff/submissions` was asked for: the store's bounds and a test of each row. */
export interface SubmissionFilter {
  limit: number;
  cursor?: string;
  from?: string;
  to?: string;
  matches(row: SubmissionRow): boolean;
}

const bad = (code: string, title: string, detail: string) => new HttpError(400, code, title, detail);

/**
 * The desk's filters, each checked before anything is read: a mistake is a 400 naming the parameter, never an empty
 * list that looks like no match. `clientIds` are the clients that exist (an unknown one is a mistake too).
 */
export function parseSubmissionFilter(query: URLSearchParams, clientIds: ReadonlySet<string>): SubmissionFilter {
  for (const name of query.keys())
    if (!KNOWN.has(name)) throw bad('unknown-filter', 'Unknown filter', `'${name}' is not a filter; filters are ${[...KNOWN].join(', ')}.`);
  const one = (name: string): string | undefined => {
    const values = query.getAll(name);
    if (values.length > 1) throw bad('repeated-filter', 'Repeated filter', `Give '${name}' once.`);
    const value = values[0]?.trim();
    if (value !== undefined && (value.length === 0 || value.length > 200))
      throw bad(`invalid-${name}-filter`, `Invalid ${name} filter`, `${name} is 1 to 200 characters.`);
    return value;
  };
  const tests: ((row: SubmissionRow) => boolean)[] = [];
  const status = one('status');
  if (status !== undefined) {
    const wanted = status.split(',');
    const unknown = wanted.find((s) => !STATUSES.includes(s as SubmissionStatus));
    if (unknown !== undefined)
      throw bad(
        'invalid-status-filter',
        'Invalid status filter',
        `'${unknown}' is not a status; status is one or more of ${STATUSES.join(', ')}.`,
      );
    tests.push((row) => wanted.includes(row.status));
  }
  const client = one('client');
  if (client !== undefined) {
    if (!clientIds.has(client)) throw bad('unknown-client', 'Unknown client', `No client '${client}'; GET /api/staff/clients lists them.`);
    tests.push((row) => row.clientId === client);
  }
  const channel = one('channel');
  if (channel !== undefined) {
    if (!CHANNELS.includes(channel as SubmissionRecord['channel']))
      throw bad('invalid-channel-filter', 'Invalid channel filter', `channel is one of ${CHANNELS.join(', ')}.`);
    tests.push((row) => row.channel === channel);
  }
  const topic = one('topic');
  if (topic !== undefined) {
    // By code (as GET /api/staff/topics gives them) or by name, as rows show them.
    const name = topic.startsWith('medtop:') ? TOPIC_NAMES.get(topic) : topic.toLowerCase();
    if (name === undefined) throw bad('unknown-topic', 'Unknown topic', `'${topic}' is not in GET /api/staff/topics.`);
    tests.push((row) => row.topics.some((t) => t.toLowerCase() === name));
  }
  const label = one('label')?.toLowerCase();
  if (label !== undefined) tests.push((row) => row.labels.some((l) => l.toLowerCase() === label));
  const duplicate = one('duplicate');
  if (duplicate !== undefined) {
    if (duplicate !== 'true' && duplicate !== 'false')
      throw bad('invalid-duplicate-filter', 'Invalid duplicate filter', "duplicate is 'true' or 'false'.");
    tests.push((row) => row.duplicate === (duplicate === 'true'));
  }
  const q = one('q')?.toLowerCase();
  if (q !== undefined)
    tests.push((row) => [row.reference ?? '', ...row.names, ...row.bylines].some((text) => text.toLowerCase().includes(q)));
  const [from, to] = [dateOf('from', one('from')), dateOf('to', one('to'))];
  if (from && to && from > to) throw bad('invalid-date-range', 'Invalid date range', 'from is after to.');
  const limit = Number(one('limit') ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw bad('invalid-limit', 'Invalid limit', 'limit is 1 to 500.');
  const cursor = one('cursor');
  if (cursor !== undefined && !isListingCursor(cursor))
    throw bad('invalid-cursor', 'Invalid cursor', "cursor is a previous answer's nextCursor, as it was given.");
  return { limit, cursor, from, to, matches: (row) => tests.every((test) => test(row)) };
}

function dateOf(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  // A date alone is the whole day: `to=2026-03-01` includes that day's submissions.
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const at = Date.parse(dayOnly && name === 'to' ? `${value}T23:59:59.999Z` : value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at))
    throw new HttpError(400, `invalid-${name}`, `Invalid ${name}`, `${name} is an ISO 8601 date or date-time.`);
  return new Date(at).toISOString();
}
