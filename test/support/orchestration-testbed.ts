import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { resolve } from 'node:path';
import { startTestHost, type TestHost } from '@newsdesk/local-platform/testing';
import type { ClientRecord } from '../../adapters/ingest-store/ingest-store.js';
import { fileInstanceId, incomingBlobOf } from '../../contracts/ids.js';
import type { MediaContentType } from '../../contracts/media.js';
import { EVENT_SOURCE, SUBMISSION_RECEIVED, type Priority } from '../../contracts/submission.js';
import type { OrchestrationName, Orchestrations, PipelineSettings, SubmissionInput } from '../../contracts/orchestrations.js';
import { wiring, type Wiring } from '../apps/orchestrators/wiring.js';
import { startOrchestration } from './durable-client.js';
import { ROOT } from './root.js';
import { answerJobs, type Behaviour, type TestWorker } from './test-worker.js';
import { startReceiver } from './webhook-receiver.js';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** Short enough for tests, long enough that nothing times out unless a test means it to. */
export const TEST_SETTINGS: PipelineSettings = {
  analysisTimeoutMs: { normal: 30_000, urgent: 30_000 },
  graceMs: 30_000,
  delivery: { firstRetryMs: 50, maxRetryMs: 200, windowMs: 5_000 },
  activityRetry: { firstRetryMs: 50, maxRetryMs: 200, windowMs: 5_000 },
  publicUrl: 'http://127.0.0.1:7071',
};

/** What an orchestration test drives: the real orchestrations on the in-process host, their activities on in-memory adapters. */
export interface OrchestrationTestbed extends Wiring {
  host: TestHost;
  /** The Durable HTTP API, master key included: durable-client.ts takes the testbed as its host. */
  durable(path: string, query?: string): string;
  /** The submissions' client; the webhook receiver checks signatures with its secret. */
  client: ClientRecord;
  /** The client's webhook on loopback: every delivery, its signature checked; answers 200 unless `answer` says otherwise. */
  hook: Receiver;
  /** The operations webhook: escalations. */
  ops: Receiver;
  /** The stand-in worker taking jobs from the in-memory queue, answering as `submit` planned (or not at all). */
  worker: TestWorker;
  /** The next answers of the client's webhook at `path` (e.g. [503, 503]); 200 after them. */
  answer(path: string, statuses: number[]): void;
  /** A submission id not used before in this process. */
  newSubmissionId(): string;
  /**
   * A submission as intake leaves it (its record in the store, each original in blob storage), with
   * how the worker answers each file (by name; fileIds are f1, f2, …) and, where given, its bytes' SHA-256 (else one
   * of its own); returns the orchestration's input.
   */
  submit(o: {
    files: Record<string, Behaviour & { sha256?: string }>;
    hookPath: string;
    priority?: Priority;
    settings?: Partial<PipelineSettings>;
  }): Promise<SubmissionInput>;
  /** Starts an orchestration through the Durable HTTP API, its input checked against contracts/orchestrations.ts. */
  start<N extends OrchestrationName>(name: N, instanceId: string, input: Orchestrations[N]['input']): Promise<void>;
  stop(): Promise<void>;
}

const TYPES: Record<string, MediaContentType> = { jpg: 'image/jpeg', png: 'image/png', mp4: 'video/mp4' };

/** Starts the test app (test/apps/orchestrators) in this process: one per test file, as one host per process is allowed. */
export async function orchestrationTestbed(): Promise<OrchestrationTestbed> {
  const client: ClientRecord = {
    clientId: 'desk',
    name: 'Photo desk',
    webhookSecret: 'orchestration-test-secret',
    rateLimitPerMinute: 1000,
  };
  await wiring.store.putClient(client, 'unused-key-hash');
  const answers = new Map<string, number[]>();
  const hook = await startReceiver(client.webhookSecret, (r) => answers.get(r.path)?.shift() ?? 200);
  const ops = await startReceiver('unused');
  wiring.opsWebhookUrl = `${ops.url}/ops`;
  const host = await startTestHost({ appDir: resolve(ROOT, 'test/apps/orchestrators') });
  const plan = new Map<string, Behaviour>();
  const worker = answerJobs(wiring.queue, (job) => plan.get(job.jobId) ?? { kind: 'ignore' });
  let n = 0;
  const durable = (path: string, query = '') =>
    `${host.url}/runtime/webhooks/durabletask/${path}?code=${host.masterKey}${query ? `&${query}` : ''}`;

  const submit: OrchestrationTestbed['submit'] = async ({ files, hookPath, priority = 'normal', settings }) => {
    const submissionId = `sub-${++n}`;
    const receivedAt = new Date().toISOString();
    const submitted = Object.keys(files).map((name, i) => {
      const fileId = `f${i + 1}`;
      const contentType = TYPES[name.split('.').pop() ?? ''] ?? 'image/jpeg';
      const sha256 = files[name]!.sha256 ?? createHash('sha256').update(`${submissionId}/${fileId}`).digest('hex');
      return { fileId, name, size: 4, contentType, sha256, blob: incomingBlobOf(submissionId, fileId) };
    });
    for (const f of submitted) {
      await wiring.blobs.upload(f.blob, Readable.from([Buffer.from('data')]), { contentType: f.contentType });
      plan.set(fileInstanceId(submissionId, f.fileId), files[f.name]!);
    }
    const webhook = { url: `${hook.url}${hookPath}` };
    const received = {
      submissionId,
      clientId: client.clientId,
      files: submitted,
      priority,
      channel: 'http',
      receivedAt,
    } as const;
    await wiring.store.createSubmission(
      { ...received, status: 'received', webhookUrl: webhook.url, updatedAt: receivedAt, published: false },
      {
        id: submissionId,
        type: SUBMISSION_RECEIVED,
        source: EVENT_SOURCE,
        subject: `/submissions/${submissionId}`,
        time: new Date(),
        data: {},
      },
    );
    // The outbox relay published it: that is what started this orchestration.
    await wiring.store.markPublished(submissionId);
    return { submission: { ...received, webhook }, settings: { ...TEST_SETTINGS, ...settings } };
  };

  return {
    ...wiring,
    host,
    durable,
    client,
    hook,
    ops,
    worker,
    answer: (path, statuses) => answers.set(path, [...statuses]),
    newSubmissionId: () => `sub-${++n}`,
    submit,
    async start(name, instanceId, input) {
      const res = await startOrchestration({ durable }, name, instanceId, input);
      if (res.status !== 202) throw new Error(`starting ${name} ${instanceId}: HTTP ${res.status} ${await res.text()}`);
    },
    async stop() {
      await worker.stop();
      await host.stop();
      await Promise.all([hook.close(), ops.close(), wiring.blobs.close()]);
    },
  };
}
