import { beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, ingestTestbed, invocationContext, OTHER_KEY, type IngestTestbed } from '../../test/support/ingest-testbed.js';
import { createSubmissionEvents } from './submission-events.js';

let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
});

const events = (id: string, key?: string) =>
  createSubmissionEvents(tb.deps)(tb.request('GET', `/api/submissions/${id}/events`, { key, params: { id } }), invocationContext());

describe('GET /api/submissions/{id}/events', () => {
  it('streams the status view as Server-Sent Events, starting with the current one', async () => {
    const s = await tb.seed({ reference: 'mine' });
    const res = await events(s.submissionId);
    expect(res.status).toBe(200);
    expect(res.headers).toEqual({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(first).toMatch(/^id: 1\nevent: status\ndata: .*\n\n$/);
    expect(JSON.parse(first.split('data: ')[1]!)).toMatchObject({ submissionId: s.submissionId, reference: 'mine', status: 'received' });
  });

  it('ends the stream after the final state', async () => {
    const s = await tb.seed({ status: 'completed' });
    const text = await new Response((await events(s.submissionId)).body as ReadableStream).text();
    expect(text.match(/^event: status$/gm)).toHaveLength(1);
    expect(JSON.parse(text.split('data: ')[1]!)).toMatchObject({ status: 'completed' });
  });

  it('answers 404 for another client’s submission', async () => {
    await expectProblem(await events((await tb.seed()).submissionId, OTHER_KEY), 404, 'submission-not-found');
  });
});
