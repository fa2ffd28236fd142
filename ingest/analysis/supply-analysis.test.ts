import { beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, ingestTestbed, invocationContext, type IngestTestbed } from '../../test/support/ingest-testbed.js';
import { createSupplyAnalysis } from './supply-analysis.js';

let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
});

// Staff call it with a function key (authLevel 'function', checked by the host): no client API key here.
const supply = (id: string, fileId: string, body: unknown, contentType = 'application/json') =>
  createSupplyAnalysis(tb.deps)(
    tb.request('POST', `/api/submissions/${id}/files/${fileId}/analysis`, {
      key: null,
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      params: { id, fileId },
    }),
    invocationContext(),
  );

// Raising the event on a waiting analysis needs the Durable extension: test/integration/orchestration.test.ts does it.
describe('POST /api/submissions/{id}/files/{fileId}/analysis', () => {
  it.each([
    ['an unknown submission', () => supply('s-nope', 'f1', { summary: {} })],
    ['an id that cannot be one', () => supply('../s', 'f1', { summary: {} })],
    ['a file the submission does not have', () => tb.seed().then((s) => supply(s.submissionId, 'f9', { summary: {} }))],
  ])('answers 404 for %s', async (_what, call) => {
    await expectProblem(await call(), 404, 'file-not-found');
  });

  it.each([
    ['a body that is not JSON', 'summary', 'text/plain', 415, 'unsupported-content-type'],
    ['invalid JSON', '{', 'application/json', 400, 'invalid-json'],
    ['no summary', {}, 'application/json', 400, 'invalid-analysis'],
    ['a summary that is not an object', { summary: 'fine' }, 'application/json', 400, 'invalid-analysis'],
    ['an unknown member', { summary: {}, verdict: 'ok' }, 'application/json', 400, 'invalid-analysis'],
    ['a field the manual analysis does not have', { summary: { width: 640 } }, 'application/json', 400, 'invalid-analysis'],
    ["a worker's analysis", { summary: { source: 'worker', mediaType: 'photo' } }, 'application/json', 400, 'invalid-analysis'],
    ['tags that are not text', { summary: { tags: ['fire', 7] } }, 'application/json', 400, 'invalid-analysis'],
    ['a topic that is no Media Topic code', { summary: { topics: [{ code: 'sport' }] } }, 'application/json', 400, 'invalid-analysis'],
    [
      'a topic code outside the vocabulary, unnamed',
      { summary: { topics: [{ code: 'medtop:20000001' }] } },
      'application/json',
      400,
      'invalid-analysis',
    ],
  ])('answers %s with a precise problem', async (_what, body, contentType, status, code) => {
    const s = await tb.seed();
    await expectProblem(await supply(s.submissionId, 'f1', body, contentType), status, code);
  });

  it('answers 409 when no analysis is waiting for the file', async () => {
    const s = await tb.seed();
    await expectProblem(await supply(s.submissionId, 'f1', { summary: { caption: 'a fire engine' } }), 409, 'analysis-closed');
  });

  it('takes the shape the client receives, topics picked by code or named, and refuses to say what it did not check', async () => {
    const s = await tb.seed();
    const summary = {
      caption: 'Firefighters at a burning barn',
      tags: ['fire', 'barn'],
      topics: [{ code: 'medtop:03000000' }, { code: 'medtop:20000001', name: 'fire', confidence: 0.8 }],
      note: 'checked by the photo desk',
    };
    // Valid, so it gets as far as the orchestration, which no longer waits here.
    await expectProblem(await supply(s.submissionId, 'f1', { summary }), 409, 'analysis-closed');
    const unnamed = { summary: { ...summary, topics: [{ code: 'medtop:20000001' }] } };
    const { body } = await expectProblem(await supply(s.submissionId, 'f1', unnamed), 400, 'invalid-analysis');
    expect(body.detail).toMatch(/summary\.topics\.0\.name/);
  });
});
