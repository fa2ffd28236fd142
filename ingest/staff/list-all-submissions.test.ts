import { beforeEach, describe, expect, it } from 'vitest';
import type { PhotoAnalysis } from '../../contracts/file-analysis.js';
import {
  EDITOR_KEY,
  expectProblem,
  ingestTestbed,
  invocationContext,
  received,
  type IngestTestbed,
} from '../../test/support/ingest-testbed.js';
import { scriptedAnalysis } from '../../test/support/scripted-analysis.js';
import { createListAllSubmissions } from './list-all-submissions.js';
import type { SubmissionRow } from './submission-row.js';

let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
});

const list = async (query = '') =>
  createListAllSubmissions(tb.deps)(
    tb.request('GET', `/api/staff/submissions${query}`, { key: null, headers: { authorization: `Bearer ${EDITOR_KEY}` } }),
    invocationContext(),
  );
const rows = async (query = '') => {
  const res = await received<{ submissions: SubmissionRow[]; nextCursor: string | null }>(await list(query));
  expect(res.status).toBe(200);
  return res.body;
};
const ids = async (query = '') => (await rows(query)).submissions.map((s) => s.submissionId);

const photo = (patch: Partial<PhotoAnalysis>): PhotoAnalysis => ({ ...(scriptedAnalysis('photo') as PhotoAnalysis), ...patch });

/** Three submissions: a dog photo by Ana (desk, analysed, a duplicate), an e-mailed one in progress (other), a cancelled one. */
async function seedThree() {
  const dog = await tb.seed({ reference: 'Story-7 dog', receivedAt: '2026-03-01T10:00:00.000Z', status: 'processing' });
  const analysis = photo({
    tags: ['dog', 'bicycle'],
    byline: 'Ana Pérez',
    topics: [{ code: 'medtop:06000000', name: 'environment', confidence: 1 }],
  });
  await tb.store.setFileState(dog.submissionId, {
    fileId: 'f1',
    state: 'completed',
    escalated: true,
    analysis,
    updatedAt: '2026-03-01T10:01:00.000Z',
  });
  await tb.store.setDuplicates(dog.submissionId, ['f1']);
  const mail = await tb.seed({ clientId: 'other', channel: 'email', receivedAt: '2026-03-02T09:00:00.000Z' });
  const gone = await tb.seed({ status: 'cancelled', receivedAt: '2026-03-03T08:00:00.000Z' });
  return { dog, mail, gone };
}

describe('GET /api/staff/submissions', () => {
  it('lists every client’s submissions newest first as rows with their facets', async () => {
    const { dog, mail, gone } = await seedThree();
    const body = await rows();
    expect(body.nextCursor).toBeNull();
    expect(body.submissions.map((s) => s.submissionId)).toEqual([gone.submissionId, mail.submissionId, dog.submissionId]);
    expect(body.submissions[1]).toMatchObject({ clientId: 'other', clientName: 'Other desk', channel: 'email', done: 0, fileCount: 1 });
    expect(body.submissions[2]).toEqual({
      ...{ submissionId: dog.submissionId, clientId: 'desk', clientName: 'Photo desk', status: 'processing', channel: 'http' },
      ...{ reference: 'Story-7 dog', fileCount: 1, done: 1, receivedAt: dog.receivedAt, updatedAt: expect.any(String) },
      ...{ topics: ['environment'], labels: ['dog', 'bicycle'], duplicate: true, bylines: ['Ana Pérez'], names: ['a.jpg'], escalated: 1 },
    });
  });

  it('filters by status, client, channel, topic (code or name), label, duplicate, dates and text', async () => {
    const { dog, mail, gone } = await seedThree();
    expect(await ids('?status=cancelled,processing')).toEqual([gone.submissionId, dog.submissionId]);
    expect(await ids('?client=other')).toEqual([mail.submissionId]);
    expect(await ids('?channel=email')).toEqual([mail.submissionId]);
    expect(await ids('?topic=medtop:06000000')).toEqual([dog.submissionId]);
    expect(await ids('?topic=Environment')).toEqual([dog.submissionId]);
    expect(await ids('?topic=sport')).toEqual([]);
    expect(await ids('?label=DOG')).toEqual([dog.submissionId]);
    expect(await ids('?label=do')).toEqual([]);
    expect(await ids('?duplicate=true')).toEqual([dog.submissionId]);
    expect(await ids('?duplicate=false')).toEqual([gone.submissionId, mail.submissionId]);
    expect(await ids('?from=2026-03-02&to=2026-03-02')).toEqual([mail.submissionId]);
    expect(await ids('?from=2026-03-01T10:00:00Z&to=2026-03-02T08:00:00Z')).toEqual([dog.submissionId]);
    expect(await ids('?q=story-7')).toEqual([dog.submissionId]);
    expect(await ids('?q=p%C3%A9rez')).toEqual([dog.submissionId]);
    expect(await ids('?q=A.JPG&client=desk')).toEqual([gone.submissionId, dog.submissionId]);
  }, 10_000);

  it('pages with nextCursor until the last page', async () => {
    const seeded = [];
    for (let i = 0; i < 5; i++) seeded.push(await tb.seed({ receivedAt: `2026-03-0${i + 1}T10:00:00.000Z` }));
    const first = await rows('?limit=2');
    const second = await rows(`?limit=2&cursor=${first.nextCursor}`);
    const third = await rows(`?limit=2&cursor=${second.nextCursor}`);
    expect([first, second, third].flatMap((p) => p.submissions.map((s) => s.submissionId))).toEqual(
      seeded.map((s) => s.submissionId).reverse(),
    );
    expect(third.nextCursor).toBeNull();
  });

  describe('refuses bad filters with 400, before reading anything', () => {
    const cases: [string, string][] = [
      ['?status=done', 'invalid-status-filter'],
      ['?status=completed,', 'invalid-status-filter'],
      ['?client=nobody', 'unknown-client'],
      ['?channel=fax', 'invalid-channel-filter'],
      ['?topic=medtop:99999999', 'unknown-topic'],
      ['?duplicate=yes', 'invalid-duplicate-filter'],
      ['?from=yesterday', 'invalid-from'],
      ['?to=2026-13-45', 'invalid-to'],
      ['?from=2026-03-02&to=2026-03-01', 'invalid-date-range'],
      ['?limit=0', 'invalid-limit'],
      ['?limit=501', 'invalid-limit'],
      ['?limit=ten', 'invalid-limit'],
      ['?cursor=abc', 'invalid-cursor'],
      [`?q=${'x'.repeat(201)}`, 'invalid-q-filter'],
      ['?label=', 'invalid-label-filter'],
      ['?label=a&label=b', 'repeated-filter'],
      ['?sort=oldest', 'unknown-filter'],
    ];
    for (const [query, code] of cases)
      it(`${query.slice(0, 40)} → ${code}`, async () => {
        const answer = await expectProblem(await list(query), 400, code);
        expect(answer.body.detail).toEqual(expect.any(String));
      });
  });
});
