import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fixture } from '../../test/support/fixtures.js';
import { multipart } from '../../test/support/multipart.js';
import { expectProblem, HOOK, ingestTestbed, invocationContext, OTHER_KEY, type IngestTestbed } from '../../test/support/ingest-testbed.js';
import { UploadSlots } from '../security/upload-slots.js';
import { createPostSubmission } from './post-submission.js';

let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
});

const photoForm = (photo = 'dog-bicycle-truck.jpg') =>
  multipart([
    { name: 'webhookUrl', body: HOOK },
    { name: 'file', filename: 'a.jpg', type: 'image/jpeg', body: fixture(photo) },
  ]);

/** A body sent in two goes: its first `head` bytes now, the rest when `finish` is called. */
function heldBody(head: number, photo?: string) {
  const { body, contentType } = photoForm(photo);
  let finish = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array(body.subarray(0, head)));
      finish = () => {
        controller.enqueue(new Uint8Array(body.subarray(head)));
        controller.close();
      };
    },
  });
  return { stream, contentType, finish: () => finish() };
}

const post = (stream: ReadableStream<Uint8Array>, contentType: string) =>
  createPostSubmission(tb.deps)(
    tb.request('POST', '/api/submissions', { stream, headers: { 'content-type': contentType } }),
    invocationContext(),
  );

describe('POST /api/submissions, a slow or stalled client', () => {
  it('a 1-byte-per-second drip gets 408 and leaves no blob behind', async () => {
    tb.deps.limits.uploadIdleMs = 300;
    const { body, contentType } = photoForm();
    const start = body.indexOf('filename="a.jpg"') + 8192; // the photo's upload has begun
    let sent = start;
    let stop = false;
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new Uint8Array(body.subarray(0, start))),
      async pull(controller) {
        if (stop) return;
        await sleep(1000);
        controller.enqueue(new Uint8Array(body.subarray(sent, ++sent)));
      },
    });
    const upload = vi.spyOn(tb.blobs, 'upload');
    const began = Date.now();
    const { body: problem } = await expectProblem(await post(stream, contentType), 408, 'upload-idle-timeout');
    stop = true;
    expect(Date.now() - began).toBeLessThan(3000);
    expect(problem.detail).toMatch(/0\.3 s/);
    expect(upload).toHaveBeenCalledTimes(1);
    expect(await tb.stored()).toEqual({ blobs: [], submissions: [], events: [] });
  });

  it('a client whose bytes we hold back (a slow store) is not timed out', async () => {
    tb.deps.limits.uploadIdleMs = 200;
    const upload = tb.blobs.upload.bind(tb.blobs);
    vi.spyOn(tb.blobs, 'upload').mockImplementation(async (path, stream, options) => {
      await sleep(600); // the store is slow to take the first byte: busboy stops reading, the client waits on us
      return upload(path, stream, options);
    });
    // 1.3 MB in 64 KiB chunks, each sent as soon as it is asked for: the client is never slow, but it cannot send
    // while the parser's buffers are full, silent for longer than the timeout only because we held the body back.
    const { body, contentType } = photoForm('riot-police-bw.jpg');
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= body.length) return controller.close();
        controller.enqueue(new Uint8Array(body.subarray(at, (at += 65_536))));
      },
    });
    expect((await post(stream, contentType)).status).toBe(202);
  });

  it('more concurrent uploads than the cap: 429 with Retry-After, and room again once one is answered', async () => {
    tb.deps.uploadSlots = new UploadSlots(2);
    const held = [heldBody(200), heldBody(200)];
    const running = held.map((h) => post(h.stream, h.contentType));
    await sleep(50);
    const third = heldBody(200);
    const { headers, body } = await expectProblem(await post(third.stream, third.contentType), 429, 'too-many-uploads');
    expect(headers.get('retry-after')).toBe('5');
    expect(body.retryAfterSeconds).toBe(5);
    // Another client is not held up by this one's uploads.
    const other = heldBody(200);
    other.finish();
    const others = createPostSubmission(tb.deps)(
      tb.request('POST', '/api/submissions', { key: OTHER_KEY, stream: other.stream, headers: { 'content-type': other.contentType } }),
      invocationContext(),
    );
    expect((await others).status).toBe(202);
    held[0]!.finish();
    expect((await running[0]!).status).toBe(202);
    const fourth = heldBody(200);
    fourth.finish();
    expect((await post(fourth.stream, fourth.contentType)).status).toBe(202);
    held[1]!.finish();
    expect((await running[1]!).status).toBe(202);
  });
});
