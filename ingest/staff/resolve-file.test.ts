import { beforeEach, describe, expect, it } from 'vitest';
import {
  API_KEY,
  EDITOR_KEY,
  expectProblem,
  ingestTestbed,
  invocationContext,
  type IngestTestbed,
} from '../../test/support/ingest-testbed.js';
import { createResolveFile } from './resolve-file.js';
import { manualAnalysisOf, resolutionBody } from './resolution-body.js';

let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
});

const editor = { authorization: `Bearer ${EDITOR_KEY}` };
const resolve = (id: string, fileId: string, body: unknown, headers: Record<string, string> = editor, key: string | null = null) =>
  createResolveFile(tb.deps)(
    tb.request('POST', `/api/staff/submissions/${id}/files/${fileId}/resolve`, {
      key,
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      params: { id, fileId },
    }),
    invocationContext(),
  );
const analysed = { outcome: 'analysed', topics: ['medtop:03000000'], labels: ['fire'], note: 'checked' };

/** Nothing was recorded on the file: no state, no resolution. */
const expectNothingWritten = async (submissionId: string) => expect(await tb.store.fileStates(submissionId)).toEqual({});

// Raising the event on a waiting analysis needs the Durable extension: test/integration/orchestration.test.ts does it.
describe('POST /api/staff/submissions/{id}/files/{fileId}/resolve', () => {
  it.each([
    ['no credential', {}, null, 401, 'staff-sign-in-required'],
    ['an unknown editor key', { authorization: 'Bearer nd_editor_not-a-key' }, null, 401, 'invalid-staff-key'],
    ["a client's API key", {}, API_KEY, 403, 'staff-only'],
  ] as const)('refuses %s', async (_what, headers, key, status, code) => {
    const s = await tb.seed({ status: 'processing' });
    await expectProblem(await resolve(s.submissionId, 'f1', analysed, headers, key), status, code);
    await expectNothingWritten(s.submissionId);
  });

  it.each([
    ['an unknown submission', () => resolve('s-nope', 'f1', analysed), 'submission-not-found'],
    ['an id that cannot be one', () => resolve('../s', 'f1', analysed), 'submission-not-found'],
    ['a file the submission does not have', () => tb.seed().then((s) => resolve(s.submissionId, 'f9', analysed)), 'file-not-found'],
  ])('answers 404 for %s', async (_what, call, code) => {
    await expectProblem(await call(), 404, code);
  });

  it.each([
    ['a body that is not JSON', 'analysed', 'text/plain', 415, 'unsupported-content-type'],
    ['invalid JSON', '{', 'application/json', 400, 'invalid-json'],
    ['no outcome', {}, 'application/json', 400, 'invalid-resolution'],
    ['an unknown outcome', { outcome: 'skipped' }, 'application/json', 400, 'invalid-resolution'],
    ['an unknown member', { ...analysed, verdict: 'ok' }, 'application/json', 400, 'invalid-resolution'],
    ['a topic that is no Media Topic code', { outcome: 'analysed', topics: ['sport'] }, 'application/json', 400, 'invalid-resolution'],
    ['a code outside the vocabulary', { outcome: 'analysed', topics: ['medtop:20000001'] }, 'application/json', 400, 'invalid-resolution'],
    [
      'a topic given as an object',
      { outcome: 'analysed', topics: [{ code: 'medtop:03000000' }] },
      'application/json',
      400,
      'invalid-resolution',
    ],
    ['labels that are not text', { outcome: 'analysed', labels: ['fire', 7] }, 'application/json', 400, 'invalid-resolution'],
    ['a blank label', { outcome: 'analysed', labels: ['  '] }, 'application/json', 400, 'invalid-resolution'],
    ['a note over 4000 characters', { outcome: 'analysed', note: 'n'.repeat(4001) }, 'application/json', 400, 'invalid-resolution'],
    ['a failure without a reason', { outcome: 'failed' }, 'application/json', 400, 'invalid-resolution'],
    ['a blank reason', { outcome: 'failed', reason: ' ' }, 'application/json', 400, 'invalid-resolution'],
    ['a failure with topics', { outcome: 'failed', reason: 'blurred', topics: [] }, 'application/json', 400, 'invalid-resolution'],
    ['a body over 256 KB', { outcome: 'failed', reason: 'r'.repeat(300_000) }, 'application/json', 413, 'payload-too-large'],
  ])('answers %s with a precise problem, and writes nothing', async (_what, body, contentType, status, code) => {
    const s = await tb.seed({ status: 'processing' });
    await expectProblem(await resolve(s.submissionId, 'f1', body, { ...editor, 'content-type': contentType }), status, code);
    await expectNothingWritten(s.submissionId);
  });

  it('names the field at fault and the vocabulary to pick from', async () => {
    const s = await tb.seed({ status: 'processing' });
    const res = await resolve(s.submissionId, 'f1', { outcome: 'analysed', topics: ['medtop:03000000', 'medtop:99'] });
    const { body } = await expectProblem(res, 400, 'invalid-resolution');
    expect(body.detail).toMatch(/topics\.1.*GET \/api\/staff\/topics/);
  });

  it('answers 409 when no analysis is waiting for the file (valid, so it gets as far as the orchestration), and records nothing', async () => {
    const s = await tb.seed({ status: 'processing' });
    await expectProblem(await resolve(s.submissionId, 'f1', analysed), 409, 'analysis-closed');
    await expectProblem(await resolve(s.submissionId, 'f1', { outcome: 'failed', reason: 'blurred' }), 409, 'analysis-closed');
    await expectNothingWritten(s.submissionId);
  });
});

describe("an editor's analysis", () => {
  it('becomes the manual analysis the client receives: named topics, labels as tags (once each), the note', () => {
    const body = resolutionBody.parse({ ...analysed, topics: ['medtop:03000000', 'medtop:03000000'], labels: ['fire', 'barn', 'fire'] });
    expect(body.outcome === 'analysed' && manualAnalysisOf(body)).toEqual({
      source: 'manual',
      caption: null,
      tags: ['fire', 'barn'],
      objects: [],
      people: null,
      text: [],
      topics: [{ code: 'medtop:03000000', name: 'disaster, accident and emergency incident', confidence: 1 }],
      safety: null,
      note: 'checked',
    });
    const bare = resolutionBody.parse({ outcome: 'analysed' });
    expect(bare.outcome === 'analysed' && manualAnalysisOf(bare)).toMatchObject({ tags: [], topics: [], note: null });
  });
});
