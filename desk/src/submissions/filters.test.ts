import { describe, expect, it } from 'vitest';
import type { SubmissionRow } from '../api/types.js';
import { NO_FILTERS } from './filters.js';
import { filtersFromQuery } from './filters-from-query.js';
import { filtersToQuery } from './filters-to-query.js';
import { mergeRow } from './merge-row.js';
import { rowMatches } from './row-matches.js';

const row = (over: Partial<SubmissionRow> = {}): SubmissionRow => ({
  submissionId: 's_1',
  clientId: 'c_1',
  clientName: 'Agency',
  status: 'processing',
  channel: 'http',
  reference: 'Match 12',
  fileCount: 2,
  done: 1,
  receivedAt: '2025-05-03T10:00:00.000Z',
  updatedAt: '2025-05-03T10:00:05.000Z',
  topics: ['sport'],
  labels: ['stadium', 'crowd'],
  duplicate: false,
  bylines: ['Jo Photographer'],
  names: ['goal.jpg', 'crowd.mp4'],
  escalated: 0,
  ...over,
});

describe('filtersToQuery', () => {
  it('leaves empty filters out and trims text', () => {
    expect(filtersToQuery(NO_FILTERS)).toBe('');
    expect(filtersToQuery({ ...NO_FILTERS, status: 'failed', q: '  goal ', duplicate: 'true' })).toBe(
      'status=failed&duplicate=true&q=goal',
    );
  });

  it('turns dates into the whole local days the API compares with, and adds paging', () => {
    const query = new URLSearchParams(
      filtersToQuery({ ...NO_FILTERS, from: '2025-05-01', to: '2025-05-03' }, { api: true, limit: 100, cursor: 'abc' }),
    );
    expect(query.get('from')).toBe(new Date(2025, 4, 1, 0, 0, 0, 0).toISOString());
    expect(query.get('to')).toBe(new Date(2025, 4, 3, 23, 59, 59, 999).toISOString());
    expect([query.get('limit'), query.get('cursor')]).toEqual(['100', 'abc']);
  });

  it('round-trips through the page hash, topic codes and odd characters included', () => {
    const filters = { ...NO_FILTERS, topic: 'medtop:15000000', q: 'a&b=c', from: '2025-05-01', duplicate: 'false' as const };
    expect(filtersFromQuery(filtersToQuery(filters))).toEqual(filters);
    expect(filtersFromQuery('duplicate=maybe&other=1')).toEqual(NO_FILTERS);
  });
});

describe('rowMatches', () => {
  const topicName = (code: string) => (code === 'medtop:15000000' ? 'sport' : undefined);
  const matches = (over: Partial<typeof NO_FILTERS>) => rowMatches(row(), { ...NO_FILTERS, ...over }, topicName);

  it('applies each filter as the API does', () => {
    expect(matches({})).toBe(true);
    expect(matches({ status: 'processing', client: 'c_1', channel: 'http', topic: 'medtop:15000000', label: 'Crowd' })).toBe(true);
    expect(matches({ status: 'completed' })).toBe(false);
    expect(matches({ client: 'c_2' })).toBe(false);
    expect(matches({ channel: 'email' })).toBe(false);
    expect(matches({ topic: 'medtop:01000000' })).toBe(false);
    expect(matches({ label: 'crow' })).toBe(false);
    expect(matches({ duplicate: 'true' })).toBe(false);
    expect(matches({ duplicate: 'false' })).toBe(true);
  });

  it('searches reference, file names and bylines, case-insensitively', () => {
    expect(matches({ q: 'match 1' })).toBe(true);
    expect(matches({ q: 'CROWD.mp4' })).toBe(true);
    expect(matches({ q: 'jo photo' })).toBe(true);
    expect(matches({ q: 'agency' })).toBe(false);
  });

  it('bounds the received time by whole local days', () => {
    const received = new Date('2025-05-03T10:00:00.000Z');
    const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect(matches({ from: day(received), to: day(received) })).toBe(true);
    expect(matches({ from: day(new Date(received.getTime() + 86_400_000)) })).toBe(false);
    expect(matches({ to: day(new Date(received.getTime() - 86_400_000)) })).toBe(false);
  });
});

describe('mergeRow', () => {
  const a = row({ submissionId: 'a', receivedAt: '2025-05-03T12:00:00Z' });
  const b = row({ submissionId: 'b', receivedAt: '2025-05-03T11:00:00Z' });

  it('puts a new matching row in receivedAt order, newest first', () => {
    const c = row({ submissionId: 'c', receivedAt: '2025-05-03T11:30:00Z' });
    const d = row({ submissionId: 'd', receivedAt: '2025-05-03T13:00:00Z' });
    expect(mergeRow(mergeRow([a, b], c, true), d, true).map((r) => r.submissionId)).toEqual(['d', 'a', 'c', 'b']);
  });

  it('replaces a known row in place, or drops it once it no longer matches', () => {
    const changed = { ...b, status: 'completed' as const };
    expect(mergeRow([a, b], changed, true)).toEqual([a, changed]);
    expect(mergeRow([a, b], changed, false)).toEqual([a]);
  });

  it('returns the same list for a new row that does not match', () => {
    const rows = [a, b];
    expect(mergeRow(rows, row({ submissionId: 'z' }), false)).toBe(rows);
  });
});
