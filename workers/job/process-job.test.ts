import { describe, expect, it } from 'vitest';
import { InMemoryBlobStore } from '../../adapters/blob-store/in-memory-blob-store.js';
import type { AnalysisJob } from '../../contracts/job.js';
import { failTimes, unreachable } from '../../test/support/transient-faults.js';
import type { MediaOutcome } from './media-outcome.js';
import { failureOf } from './failure-reason.js';
import { processJob, type JobDeps } from './process-job.js';

/** How the worker's consumer reads what the job threw (run-consumer.ts): `outage` is given back without spending a delivery. */
const failureFrom = (outcome: Promise<unknown>) =>
  outcome.then(
    () => expect.fail('the job should have failed'),
    (error: unknown) => failureOf(error),
  );

const job: AnalysisJob = {
  jobId: 'j1',
  submissionId: 's1',
  fileId: 'f1',
  blob: 'incoming/s1/f1',
  blobUrl: 'https://storage.example.net/incoming/s1/f1?sig=x',
  mediaType: 'photo',
  contentType: 'image/jpeg',
  deadline: new Date(Date.now() + 60_000).toISOString(),
  callback: { instanceId: 's1-f1', url: 'https://app.example.net/api/jobs/j1/events/{eventName}', token: 't' },
};

/** What a photo's analysis hands on to be written: enough for writeResults and the event's summary. */
const media = {
  part: {
    mediaType: 'photo',
    metadata: { width: 4, height: 3, format: 'jpeg', metadata: {} },
    thumbnails: [],
    perceptualHash: '0123456789abcdef',
  },
  files: [],
  topics: [],
  timings: { media: 1 },
} as unknown as MediaOutcome;

function deps(blobs: InMemoryBlobStore, overrides: Partial<JobDeps> = {}) {
  const raised: string[] = [];
  const fetchDouble = (async (url: string) => (raised.push(url), new Response(null, { status: 202 }))) as typeof fetch;
  const d: JobDeps = {
    blobs,
    submissionCancelled: async () => false,
    analyzeMedia: async () => media,
    worker: { id: 'w1', hwaccel: 'none' },
    fetch: fetchDouble,
    ...overrides,
  };
  return { deps: d, raised };
}

describe('a job that meets a storage outage', () => {
  it('gives the job back as an outage when the results cannot be written, raising nothing', async () => {
    const blobs = new InMemoryBlobStore();
    const fault = failTimes(blobs, 'uploadJson', Infinity);
    const { deps: d, raised } = deps(blobs);
    const failure = await failureFrom(processJob(job, d));
    fault.restore();
    expect(failure).toEqual({
      retryable: true,
      fault: 'outage',
      reason: 'storage could not be reached to write the results: connect ECONNREFUSED 127.0.0.1:10000 (injected outage)',
    });
    expect(raised).toEqual([]);
    // Once storage is back the same job completes.
    expect(await processJob(job, d)).toMatchObject({ kind: 'completed', event: 'raised' });
  });

  it('gives the job back as an outage when the cancellation check cannot read the submission', async () => {
    const { deps: d } = deps(new InMemoryBlobStore(), {
      submissionCancelled: () => Promise.reject(unreachable()),
      analyzeMedia: () => Promise.reject(new Error('not reached')),
    });
    expect(await failureFrom(processJob(job, d))).toMatchObject({ retryable: true, fault: 'outage' });
  });

  it('leaves a failure that is not an outage as it was: the job spends its budget', async () => {
    const blobs = new InMemoryBlobStore();
    blobs.uploadJson = () => Promise.reject(new TypeError('a bug'));
    expect(await failureFrom(processJob(job, deps(blobs).deps))).toEqual({ retryable: true, reason: 'a bug' });
  });
});
