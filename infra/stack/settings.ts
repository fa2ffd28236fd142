import { resolve } from 'node:path';
import { z } from 'zod';
import { loadSettings } from '../../lib/settings/load-settings.js';
import { scalingSchema } from '../../workers/scaling/scaling-settings.js';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** Settings of the one-machine platform (`npm start`); every one has a default. */
const schema = z.object({
  NEWSDESK_DATA_DIR: z.string().default('.data'),
  NEWSDESK_HOST_PORT: port(7071),
  NEWSDESK_RPC_PORT: port(17071),
  NEWSDESK_AZURITE_BLOB_PORT: port(10000),
  NEWSDESK_AZURITE_QUEUE_PORT: port(10001),
  NEWSDESK_AZURITE_TABLE_PORT: port(10002),
  NEWSDESK_HOST_MASTER_KEY: z.string().min(16).optional(),
  NEWSDESK_MAILDROP_PORT: port(2525),
  /** The local webhook inbox, the development client's default webhook. */
  NEWSDESK_INBOX_PORT: port(7074),
  // Loopback webhooks are how one machine tests delivery; Azure's settings allow nothing private.
  NEWSDESK_WEBHOOK_ALLOWLIST: z.string().default('127.0.0.0/8,::1,localhost'),
  NEWSDESK_DEV_MAIL_SENDERS: z.string().default('photodesk@localhost'),
  NEWSDESK_CLASSIFIER_PORT: port(7072),
  /** Set to use another Image Analysis endpoint (Azure AI Vision) instead of starting the local classifier service. */
  NEWSDESK_CLASSIFIER_ENDPOINT: z.url().optional(),
  /**
   * Jobs each local worker takes at once, and the classifier calls it may have in flight. Twice as many jobs as calls:
   * while two photos are classified, two more are fetched, decoded and written, so the classifier is not left idle
   * between one worker's jobs (with 2 and 2, each job's own work came between its classifier calls). Two workers
   * with two calls each stay within what the local service takes at once (one per model thread running, four queued)
   * without 429s.
   */
  NEWSDESK_WORKER_CONCURRENCY: z.coerce.number().int().positive().default(4),
  NEWSDESK_CLASSIFIER_CONCURRENCY: z.coerce.number().int().positive().default(2),
  // Telemetry: spans go to {dataDir}/traces.jsonl unless a file or a collector is named (the processes read the same names).
  NEWSDESK_TRACE_FILE: z.string().min(1).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().min(1).optional(),
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().min(1).optional(),
});

export interface LocalSettings {
  dataDir: string;
  hostPort: number;
  rpcPort: number;
  azurite: { blobPort: number; queuePort: number; tablePort: number };
  masterKey?: string;
  mailDropPort: number;
  inboxPort: number;
  webhookAllowList: string;
  devMailSenders: string;
  workers: { min: number; max: number; jobsPerWorker: number; idleSeconds: number; concurrency: number; classifierConcurrency: number };
  classifier: { port: number; endpoint?: string };
  /** The JSON-lines trace file every process appends to; undefined when OTLP or Azure Monitor is set instead. */
  traceFile?: string;
}

export function loadLocalSettings(env: Record<string, string | undefined>, root: string): LocalSettings {
  // Worker processes (NEWSDESK_WORKERS_*, the scaler's own settings), scaled on the work queue's backlog; a maximum of 0
  // starts none (tests that bring their own).
  // The rest of the rule is KEDA's on Azure; the one difference: npm start keeps one worker warm, as a scale to zero
  // saves nothing on one machine and would put a process start before the first photo.
  const local = schema.extend({ ...scalingSchema.shape, NEWSDESK_WORKERS_MIN: z.coerce.number().int().min(0).default(1) });
  const s = loadSettings(local, env, 'local settings');
  const dataDir = resolve(root, s.NEWSDESK_DATA_DIR);
  const collector = s.OTEL_EXPORTER_OTLP_ENDPOINT ?? s.APPLICATIONINSIGHTS_CONNECTION_STRING;
  return {
    dataDir,
    traceFile: s.NEWSDESK_TRACE_FILE ? resolve(root, s.NEWSDESK_TRACE_FILE) : collector ? undefined : resolve(dataDir, 'traces.jsonl'),
    hostPort: s.NEWSDESK_HOST_PORT,
    rpcPort: s.NEWSDESK_RPC_PORT,
    azurite: { blobPort: s.NEWSDESK_AZURITE_BLOB_PORT, queuePort: s.NEWSDESK_AZURITE_QUEUE_PORT, tablePort: s.NEWSDESK_AZURITE_TABLE_PORT },
    masterKey: s.NEWSDESK_HOST_MASTER_KEY,
    mailDropPort: s.NEWSDESK_MAILDROP_PORT,
    inboxPort: s.NEWSDESK_INBOX_PORT,
    webhookAllowList: s.NEWSDESK_WEBHOOK_ALLOWLIST,
    devMailSenders: s.NEWSDESK_DEV_MAIL_SENDERS,
    classifier: { port: s.NEWSDESK_CLASSIFIER_PORT, endpoint: s.NEWSDESK_CLASSIFIER_ENDPOINT },
    workers: {
      min: Math.min(s.NEWSDESK_WORKERS_MIN, s.NEWSDESK_WORKERS_MAX),
      max: s.NEWSDESK_WORKERS_MAX,
      jobsPerWorker: s.NEWSDESK_WORKERS_JOBS_PER_WORKER,
      idleSeconds: s.NEWSDESK_WORKERS_IDLE_SECONDS,
      concurrency: s.NEWSDESK_WORKER_CONCURRENCY,
      classifierConcurrency: s.NEWSDESK_CLASSIFIER_CONCURRENCY,
    },
  };
}
