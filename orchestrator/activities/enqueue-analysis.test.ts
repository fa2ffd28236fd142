import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { InMemoryBlobStore } from '../../adapters/blob-store/in-memory-blob-store.js';
import { InMemoryJobQueue } from '../../adapters/job-queue/in-memory-job-queue.js';
import { analysisJob, type AnalysisJob } from '../../contracts/job.js';
import { invocationContext } from '../../test/support/ingest-testbed.js';
import type { EnqueueAnalysisInput } from './catalog.js';
import { createEnqueueAnalysis } from './enqueue-analysis.js';
import { verifyJobToken } from '../../lib/job-token/verify-job-token.js';

const blobs = new InMemoryBlobStore();
afterAll(() => blobs.close());
const input: EnqueueAnalysisInput = {
  submissionId: 's1',
  fileId: 'f1',
  blob: 'incoming/s1/f1',
  contentType: 'image/jpeg',
  mediaType: 'photo',
  deadline: '2099-01-01T00:00:00.000Z',
  graceMs: 2 * 60 * 60 * 1000,
  instanceId: 's1.f1',
};
const jobTokenKey = 'enqueue-tests-job-token-key-0123456789';
const take = async (queue: InMemoryJobQueue<AnalysisJob>) => queue.receive({ max: 10, lockSeconds: 30 });

describe('enqueueAnalysis', () => {
  it("puts the job on the queue under its derived id, with a read URL for the original and the job's callback and token", async () => {
    await blobs.upload(input.blob, Readable.from([Buffer.from('jpeg bytes')]), { contentType: 'image/jpeg' });
    const queue = new InMemoryJobQueue<AnalysisJob>();
    expect(await createEnqueueAnalysis({ queue, blobs, jobTokenKey })(input, invocationContext())).toBe('s1.f1');

    const [message, ...more] = await take(queue);
    expect(more).toEqual([]);
    expect(message!.messageId).toBe('s1.f1');
    // The job is the contract's shape (what the worker parses), without trace context when telemetry is off.
    const job = analysisJob.parse(message!.body);
    expect(job).toEqual({
      jobId: 's1.f1',
      submissionId: 's1',
      fileId: 'f1',
      blob: 'incoming/s1/f1',
      blobUrl: expect.any(String),
      mediaType: 'photo',
      contentType: 'image/jpeg',
      deadline: input.deadline,
      // The app's job-events endpoint on its own host (the Durable SDK's host name), never the Durable API itself.
      callback: {
        instanceId: 's1.f1',
        url: expect.stringMatching(/^http:\/\/[^/?]+\/api\/jobs\/s1\.f1\/events\/\{eventName\}$/),
        token: expect.any(String),
      },
    });
    // No key of the host's travels: the message names no Durable route and carries no `code=`.
    expect(JSON.stringify(message!.body)).not.toMatch(/durabletask|code=/);
    // The token allows this job's events on its instance, until the deadline and the grace period have passed.
    const grace = Date.parse(input.deadline) + input.graceMs;
    expect(verifyJobToken([jobTokenKey], job.callback.token, new Date(grace - 1000))).toEqual({
      ok: true,
      claims: { jobId: 's1.f1', instanceId: 's1.f1', events: ['AnalysisCompleted', 'AnalysisFailed'], expiresAt: grace / 1000 },
    });
    expect(verifyJobToken([jobTokenKey], job.callback.token, new Date(grace))).toEqual({ ok: false, refusal: 'expired' });
    expect(await (await fetch(job.blobUrl)).text()).toBe('jpeg bytes');
    // Readable for a day past the deadline, so a late worker can still finish.
    expect(new URL(job.blobUrl).searchParams.get('se')).toBe('2099-01-02T00:00:00.000Z');
    expect(new URL(job.blobUrl).searchParams.get('sp')).toBe('r');
  });

  it('enqueues the very same job when it runs again', async () => {
    const queue = new InMemoryJobQueue<AnalysisJob>();
    const enqueue = createEnqueueAnalysis({ queue, blobs, jobTokenKey });
    await enqueue(input, invocationContext());
    await enqueue(input, invocationContext());
    const [first, second] = await take(queue);
    expect(second!.messageId).toBe(first!.messageId);
    expect(second!.body).toEqual(first!.body);
  });

  it('throws when the queue refuses the job, leaving nothing queued', async () => {
    const queue = new InMemoryJobQueue<AnalysisJob>();
    await queue.close();
    await expect(createEnqueueAnalysis({ queue, blobs, jobTokenKey })(input, invocationContext())).rejects.toThrow('The queue is closed.');
    expect(await queue.depth()).toBe(0);
  });

  it('throws before queueing when no read URL can be made for the blob', async () => {
    const queue = new InMemoryJobQueue<AnalysisJob>();
    const bad = { ...input, blob: 'Incoming_Files/s1/f1' };
    await expect(createEnqueueAnalysis({ queue, blobs, jobTokenKey })(bad, invocationContext())).rejects.toMatchObject({
      code: 'InvalidResourceName',
    });
    expect(await queue.depth()).toBe(0);
  });
});
