import { HttpResponse, type HttpResponseInit } from '@azure/functions';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  EDITOR_KEY,
  expectProblem,
  ingestTestbed,
  invocationContext,
  OTHER_KEY,
  type IngestTestbed,
} from '../../test/support/ingest-testbed.js';
import { createWatchSubmissions } from '../submissions/watch-submissions.js';
import { createStaffEvents } from './staff-events.js';
import type { SubmissionRow } from './submission-row.js';

let tb: IngestTestbed;
let polls: number;
beforeEach(async () => {
  tb = await ingestTestbed();
  polls = 0;
  // Counts the feed's reads of the real in-memory store, to see that they stop.
  const changed = tb.store.changedSubmissions.bind(tb.store);
  tb.store.changedSubmissions = (since, limit) => (polls++, changed(since, limit));
});

/** Reads a stream of Server-Sent Events: the next event (or comment) as it arrives. */
function sse(init: HttpResponseInit) {
  const response = new HttpResponse(init);
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  return {
    async next(): Promise<{ event?: string; data?: SubmissionRow; comment?: string }> {
      for (;;) {
        const end = buffered.indexOf('\n\n');
        if (end >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          if (block.startsWith(':')) return { comment: block.slice(1).trim() };
          const field = (name: string) =>
            block
              .split('\n')
              .find((l) => l.startsWith(`${name}: `))
              ?.slice(name.length + 2);
          return { event: field('event'), data: JSON.parse(field('data')!) as SubmissionRow };
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffered += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

const staff = { key: null, headers: { authorization: `Bearer ${EDITOR_KEY}` } };
/** As intake records a submission: received and updated now. */
const justNow = () => ({ receivedAt: new Date().toISOString(), updatedAt: new Date().toISOString() });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GET /api/staff/events', () => {
  it('sends a row for every new or changed submission of any client within a second, and stops polling when the reader goes', async () => {
    const stream = sse(await createStaffEvents(tb.deps)(tb.request('GET', '/api/staff/events', staff), invocationContext()));
    expect(await stream.next()).toEqual({ comment: 'keep-alive' });
    const started = Date.now();
    const s = await tb.seed({ clientId: 'other', ...justNow() });
    const created = await stream.next();
    expect(created).toMatchObject({
      event: 'submission',
      data: { submissionId: s.submissionId, clientName: 'Other desk', status: 'received' },
    });
    await tb.store.updateSubmission(s.submissionId, { status: 'processing' });
    expect((await stream.next()).data).toMatchObject({ submissionId: s.submissionId, status: 'processing' });
    await tb.store.setFileState(s.submissionId, { fileId: 'f1', state: 'failed', reason: 'corrupt', updatedAt: new Date().toISOString() });
    expect((await stream.next()).data).toMatchObject({ submissionId: s.submissionId, done: 1 });
    expect(Date.now() - started).toBeLessThan(3_000);
    await stream.cancel();
    const after = polls;
    await sleep(1_000);
    expect(polls).toBe(after);
  });
});

describe('GET /api/submissions/events', () => {
  it("sends only the key's client's submissions", async () => {
    const stream = sse(
      await createWatchSubmissions(tb.deps)(tb.request('GET', '/api/submissions/events', { key: OTHER_KEY }), invocationContext()),
    );
    expect(await stream.next()).toEqual({ comment: 'keep-alive' });
    await tb.seed({ clientId: 'desk', ...justNow() });
    await sleep(600);
    const mine = await tb.seed({ clientId: 'other', ...justNow() });
    expect(await stream.next()).toMatchObject({ event: 'submission', data: { submissionId: mine.submissionId, clientId: 'other' } });
    await stream.cancel();
  });

  it('refuses a request without a valid API key, and an editor key is not one', async () => {
    const watch = (init: Parameters<IngestTestbed['request']>[2]) =>
      createWatchSubmissions(tb.deps)(tb.request('GET', '/api/submissions/events', init), invocationContext());
    await expectProblem(await watch({ key: null }), 401, 'missing-api-key');
    await expectProblem(await watch({ key: 'nd_wrong-key-00000000000000000000000' }), 401, 'invalid-api-key');
    await expectProblem(await watch(staff), 401, 'missing-api-key');
  });
});
