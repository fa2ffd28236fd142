import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fixture } from '../../test/support/fixtures.js';
import { multipart } from '../../test/support/multipart.js';
import { expectProblem, HOOK, ingestTestbed, invocationContext, type IngestTestbed } from '../../test/support/ingest-testbed.js';
import { createPostSubmission } from './post-submission.js';

// Azure's Functions front end refuses request bodies over 100 MB; POST /submissions refuses them itself, everywhere,
// pointing at the upload sessions (POST /api/uploads) that the CLI and the desk use for files over 32 MiB.
let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
  tb.deps.limits.maxRequestBytes = 100 * 1024; // the fixture photo's form is about 160 kB
});

const form = () =>
  multipart([
    { name: 'webhookUrl', body: HOOK },
    { name: 'file', filename: 'a.jpg', type: 'image/jpeg', body: fixture('dog-bicycle-truck.jpg') },
  ]);

/** The form as a stream, counting what the handler reads of it. */
function counted(body: Buffer) {
  const read = { bytes: 0 };
  let at = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= body.length) return controller.close();
      const chunk = body.subarray(at, at + 16 * 1024);
      at += chunk.length;
      read.bytes += chunk.length;
      controller.enqueue(new Uint8Array(chunk));
    },
  });
  return { stream, read };
}

const post = (stream: ReadableStream<Uint8Array>, headers: Record<string, string>) =>
  createPostSubmission(tb.deps)(tb.request('POST', '/api/submissions', { stream, headers }), invocationContext());

describe('POST /api/submissions over the request limit', () => {
  it('is refused from its Content-Length with 413, pointing at /api/uploads, before anything is read or stored', async () => {
    const { body, contentType } = form();
    const { stream, read } = counted(body);
    const upload = vi.spyOn(tb.blobs, 'upload');
    const { body: problem } = await expectProblem(
      await post(stream, { 'content-type': contentType, 'content-length': String(body.length) }),
      413,
      'request-too-large',
    );
    expect(problem.detail).toContain('/api/uploads');
    expect(problem.detail).toContain(`${body.length} bytes`);
    expect(problem).toMatchObject({ limit: 100 * 1024, uploads: '/api/uploads' });
    expect(upload).not.toHaveBeenCalled();
    // What a stream buffers ahead of the first read at most; the handler itself read none of it.
    expect(read.bytes).toBeLessThanOrEqual(16 * 1024);
  });

  it('is refused while streaming when no length is declared, and what was written is deleted', async () => {
    const { body, contentType } = form();
    await expectProblem(await post(counted(body).stream, { 'content-type': contentType }), 413, 'request-too-large');
    expect(await tb.blobs.list('incoming/s')).toEqual([]);
  });

  it('leaves the handler serving: the next submission under the limit is accepted', async () => {
    const { body, contentType } = form();
    await expectProblem(
      await post(counted(body).stream, { 'content-type': contentType, 'content-length': String(body.length) }),
      413,
      'request-too-large',
    );
    tb.deps.limits.maxRequestBytes = 1024 * 1024;
    const answer = await post(counted(body).stream, { 'content-type': contentType, 'content-length': String(body.length) });
    expect(answer.status).toBe(202);
  });
});
