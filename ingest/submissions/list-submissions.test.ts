import { beforeEach, describe, expect, it } from 'vitest';
import {
  expectProblem,
  ingestTestbed,
  invocationContext,
  OTHER_KEY,
  received,
  type IngestTestbed,
} from '../../test/support/ingest-testbed.js';
import { createListSubmissions } from './list-submissions.js';

let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
});

const list = (query = '', key?: string) =>
  createListSubmissions(tb.deps)(tb.request('GET', `/api/submissions${query}`, { key }), invocationContext());
const ids = async (query = '', key?: string) => {
  const res = await received<{ submissions: { submissionId: string }[] }>(await list(query, key));
  expect(res.status).toBe(200);
  return res.body.submissions.map((s) => s.submissionId);
};

describe('GET /api/submissions', () => {
  it('lists the client’s own submissions newest first, filtered by status, time and limit', async () => {
    const older = await tb.seed({ receivedAt: '2026-03-01T09:00:00.000Z' });
    const newer = await tb.seed({ receivedAt: '2026-03-01T11:00:00.000Z', status: 'completed' });
    expect(await ids()).toEqual([newer.submissionId, older.submissionId]);
    expect(await ids('?status=completed')).toEqual([newer.submissionId]);
    expect(await ids('?since=2026-03-01T10:00:00%2B00:00')).toEqual([newer.submissionId]);
    expect(await ids('?limit=1')).toEqual([newer.submissionId]);
    expect(await ids('', OTHER_KEY)).toEqual([]);
  });

  it('shows each as the status view does, without the orchestration', async () => {
    const s = await tb.seed();
    const res = await received<{ submissions: Record<string, unknown>[] }>(await list());
    expect(res.body.submissions[0]).toMatchObject({
      submissionId: s.submissionId,
      status: 'received',
      orchestration: null,
      progress: { total: 1 },
    });
  });

  it.each([
    ['an unknown status', '?status=lost', 'invalid-status-filter'],
    ['a date that is not one', '?since=yesterday', 'invalid-since'],
    ['a limit over 200', '?limit=5000', 'invalid-limit'],
    ['a limit of 0', '?limit=0', 'invalid-limit'],
    ['a limit that is not a whole number', '?limit=2.5', 'invalid-limit'],
  ])('answers 400 for %s', async (_what, query, code) => {
    await expectProblem(await list(query), 400, code);
  });
});
