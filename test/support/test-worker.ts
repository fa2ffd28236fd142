import { createHash } from 'node:crypto';
import { StorageQueueJobQueue } from '../../adapters/job-queue/storage-queue-job-queue.js';
import type { JobQueue } from '../../adapters/job-queue/job-queue.js';
import { JOB_TOKEN_HEADER, type AnalysisJob } from '../../contracts/job.js';
import { scriptedAnalysis } from './scripted-analysis.js';

export type Behaviour =
  | {
      kind: 'complete';
      delayMs?: number;
      /** What the analysis reports the file looks like; by default a hash of the job id, so no two files look alike. */
      perceptualHash?: string;
      keyframeHashes?: readonly string[];
    }
  | { kind: 'fail'; reason: string }
  | { kind: 'ignore' };

const lookOf = (jobId: string): string => createHash('sha256').update(jobId).digest('hex').slice(0, 16);

export interface TestWorker {
  /** Every job taken, in order. */
  seen: AnalysisJob[];
  /** Stops taking jobs and closes the queue. */
  stop(): Promise<void>;
}

/**
 * A stand-in for the container worker (workers/main.ts; the worker suites run the real one through
 * worker-testbed.ts), for the orchestration suites, which script each job's answer: it takes jobs from
 * the real work queue and raises AnalysisCompleted / AnalysisFailed through the job's callback — the app's
 * job-events endpoint, with the job's token — exactly as a worker does.
 */
export function startTestWorker(connectionString: string, behaviour: (job: AnalysisJob) => Behaviour): TestWorker {
  return answerJobs(new StorageQueueJobQueue<AnalysisJob>(connectionString, 'analysis-jobs'), behaviour);
}

/** The same stand-in on any work queue (the orchestration unit tests use the in-memory one). */
export function answerJobs(queue: JobQueue<AnalysisJob>, behaviour: (job: AnalysisJob) => Behaviour): TestWorker {
  const seen: AnalysisJob[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const jobs = await queue.receive({ max: 16, lockSeconds: 30, waitSeconds: 0.2 }).catch(() => []);
      for (const received of jobs) {
        const job = received.body;
        seen.push(job);
        const b = behaviour(job);
        if (b.kind === 'ignore') {
          await received.complete();
          continue;
        }
        void (async () => {
          if (b.kind === 'complete' && b.delayMs) await new Promise((r) => setTimeout(r, b.delayMs));
          const event = b.kind === 'complete' ? 'AnalysisCompleted' : 'AnalysisFailed';
          const payload =
            b.kind === 'complete'
              ? {
                  fileId: job.fileId,
                  resultBlob: `results/${job.submissionId}/${job.fileId}/analysis.json`,
                  summary: { ...scriptedAnalysis(job.mediaType), perceptualHash: b.perceptualHash ?? lookOf(job.jobId) },
                  ...(b.keyframeHashes ? { keyframeHashes: [...b.keyframeHashes] } : {}),
                }
              : { fileId: job.fileId, reason: b.reason };
          const res = await fetch(job.callback.url.replace('{eventName}', event), {
            method: 'POST',
            headers: { 'content-type': 'application/json', [JOB_TOKEN_HEADER]: job.callback.token },
            body: JSON.stringify(payload),
          });
          // 202 raised; 403 the job closed (a late or duplicate answer): either way the job is done.
          if (res.status === 202 || res.status === 403) await received.complete();
          else await received.abandon(1);
        })().catch(() => received.abandon(1).catch(() => undefined));
      }
    }
  })();
  return {
    seen,
    async stop() {
      running = false;
      await loop;
      await queue.close();
    },
  };
}
