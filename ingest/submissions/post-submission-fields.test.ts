import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fixture } from '../../test/support/fixtures.js';
import { multipart, type Part } from '../../test/support/multipart.js';
import { expectProblem, HOOK, ingestTestbed, invocationContext, type IngestTestbed } from '../../test/support/ingest-testbed.js';
import { createPostSubmission } from './post-submission.js';

let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
});

const photo = (name = 'a.jpg'): Part => ({ name: 'file', filename: name, type: 'image/jpeg', body: fixture('dog-bicycle-truck.jpg') });

/** The fields and the first bytes of a photo, then nothing more: a client still sending its file. */
function stalledAfterFirstFile(fields: Record<string, string>): { stream: ReadableStream<Uint8Array>; contentType: string } {
  const { body, contentType } = multipart([...Object.entries(fields).map(([name, value]) => ({ name, body: value })), photo()]);
  const head = body.subarray(0, body.indexOf('filename="a.jpg"') + 4096);
  const stream = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(new Uint8Array(head)) });
  return { stream, contentType };
}

const post = (init: { stream?: ReadableStream<Uint8Array>; body?: Buffer; contentType: string }) =>
  createPostSubmission(tb.deps)(
    tb.request('POST', '/api/submissions', { stream: init.stream, body: init.body, headers: { 'content-type': init.contentType } }),
    invocationContext(),
  );

describe('POST /api/submissions checks each field as it arrives', () => {
  it.each([
    ['a private-address webhook URL', { webhookUrl: 'http://10.0.0.5/hook' }, 422, 'invalid-webhook-url'],
    ['an empty webhook URL', { webhookUrl: '' }, 400, 'missing-webhook-url'],
    ['an unknown priority', { webhookUrl: HOOK, priority: 'asap' }, 400, 'invalid-priority'],
    ['metadata that is not JSON', { webhookUrl: HOOK, metadata: '{not json' }, 400, 'invalid-metadata'],
    ['a reference over 200 characters', { webhookUrl: HOOK, reference: 'r'.repeat(201) }, 400, 'invalid-reference'],
    ['an unknown field', { colour: 'red', webhookUrl: HOOK }, 400, 'unknown-field'],
  ])('%s before the first file: answered while the file is still coming, nothing written', async (_name, fields, status, code) => {
    const upload = vi.spyOn(tb.blobs, 'upload');
    await expectProblem(await post(stalledAfterFirstFile(fields)), status, code);
    expect(upload).not.toHaveBeenCalled();
    expect(await tb.stored()).toEqual({ blobs: [], submissions: [], events: [] });
  });

  it('a bad field after a file is refused too, and the stored file is deleted again', async () => {
    const { body, contentType } = multipart([photo(), { name: 'webhookUrl', body: HOOK }, { name: 'priority', body: 'asap' }]);
    await expectProblem(await post({ body, contentType }), 400, 'invalid-priority');
    expect(await tb.stored()).toEqual({ blobs: [], submissions: [], events: [] });
  });

  it('a repeated field: each value is checked, and the last one counts', async () => {
    const parts = [{ name: 'priority', body: 'asap' }, { name: 'webhookUrl', body: HOOK }, photo()];
    // The first value is checked (and refused) as it arrives: a client cannot hide a bad field behind a good one.
    await expectProblem(await post(multipart(parts)), 400, 'invalid-priority');
    const good = [{ name: 'priority', body: 'normal' }, { name: 'priority', body: 'urgent' }, { name: 'webhookUrl', body: HOOK }, photo()];
    const res = await post(multipart(good));
    expect(res.status).toBe(202);
    expect((await tb.store.listSubmissions('desk', { limit: 5 }))[0]).toMatchObject({ priority: 'urgent', webhookUrl: HOOK });
  });
});
