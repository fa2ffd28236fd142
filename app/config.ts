import { z } from 'zod';
import { durationSetting } from '../lib/settings/duration-setting.js';
import { loadSettings } from '../lib/settings/load-settings.js';
import type { DevClientSettings } from '../ingest/auth/ensure-dev-client.js';
import type { IngestLimits } from '../ingest/limits.js';
import type { StaffAuthSettings } from '../ingest/auth/staff-identity.js';
import type { PipelineSettings } from '../contracts/orchestrations.js';
import { telemetrySchema, telemetrySettingsOf, type TelemetrySettings } from '../adapters/telemetry/telemetry-settings.js';
import { accessSchema, serviceBusSettingOf, storageSettingOf } from '../adapters/azure-access/access-settings.js';
import type { ServiceBusSetting, StorageSetting } from '../adapters/azure-access/azure-access.js';
import type { ReconcileSettings } from '../orchestrator/reconcile/reconcile-settings.js';
import type { SweepSettings } from '../ingest/sweep/sweep-orphans.js';

const LABEL = 'Newsdesk settings';
const editorKeys = z.array(z.strictObject({ name: z.string().min(1).max(100), hash: z.string().regex(/^[0-9a-f]{64}$/) }));
const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const bytes = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const duration = durationSetting;
// Azure Functions' timer schedules: six fields, seconds first (the local host reads the same syntax).
const NCRONTAB = /^\S+(?: \S+){5}$/;
const NCRONTAB_MESSAGE = 'an NCRONTAB schedule: six fields, seconds first (e.g. 0 */5 * * * *)';

/**
 * The function app's settings: the one place that reads process.env. Locally `npm start` sets
 * them; in Azure they are app settings generated from the same names (infra/azure).
 */
const schema = z
  .object({
    NEWSDESK_EVENTGRID_ENDPOINT: z.url('the Event Grid topic endpoint is required'),
    /** Absent in Azure: the app publishes as its managed identity (EventGrid Data Sender). */
    NEWSDESK_EVENTGRID_KEY: z.string().min(1).optional(),
    NEWSDESK_WEBHOOK_ALLOWLIST: z.string().optional(),
    NEWSDESK_MAX_FILE_BYTES: bytes(2 * GiB),
    NEWSDESK_MAX_FILES: z.coerce.number().int().positive().default(20),
    NEWSDESK_MAX_TOTAL_BYTES: bytes(4 * GiB),
    /** A whole POST /submissions body: what Azure Functions' front end accepts (100 MB); bigger files use /uploads. */
    NEWSDESK_MAX_REQUEST_BYTES: bytes(100 * MiB),
    NEWSDESK_UPLOAD_MAX_BYTES: bytes(5 * GiB),
    /** A multipart upload from which nothing arrives for this long is answered 408 and its partial files deleted. */
    NEWSDESK_UPLOAD_IDLE_TIMEOUT: duration('PT30S'),
    /** Multipart uploads one client may run at once on one instance; more get 429 with Retry-After. */
    NEWSDESK_MAX_CONCURRENT_UPLOADS: z.coerce.number().int().positive().default(16),
    NEWSDESK_UPLOAD_SESSION_MINUTES: z.coerce.number().int().positive().default(15),
    NEWSDESK_DEFAULT_RATE_LIMIT: z.coerce.number().int().positive().default(600),
    NEWSDESK_DEV_API_KEY: z.string().min(16).optional(),
    NEWSDESK_DEV_WEBHOOK_SECRET: z.string().min(16).optional(),
    NEWSDESK_DEV_WEBHOOK_URL: z.url().optional(),
    NEWSDESK_DEV_MAIL_SENDERS: z.string().optional(),
    NEWSDESK_MAILBOX_API_KEY: z.string().min(16).optional(),
    /** The client administration key (x-admin-key): the host master key under `npm start`, a Key Vault reference on Azure. */
    NEWSDESK_ADMIN_KEY: z.string().min(16).optional(),
    /**
     * Signs each analysis job's token, the workers' only way to raise their job's events (docs/security.md). Only the
     * app holds it: npm start generates it, Bicep keeps it in Key Vault. The previous key is honoured while set (rotation).
     */
    NEWSDESK_JOB_TOKEN_KEY: z.string().min(32, 'the job token key (at least 32 characters) is required'),
    NEWSDESK_JOB_TOKEN_KEY_PREVIOUS: z.string().min(32).optional(),
    /** How long a rotated-out API key or webhook secret keeps working beside the new one. */
    NEWSDESK_KEY_OVERLAP: duration('P7D'),
    /** The desk's editor keys, hashed: JSON `[{"name":"…","hash":"<sha256 hex>"}]` (npm start makes the local editor's). */
    NEWSDESK_EDITOR_KEYS: z
      .string()
      .default('[]')
      .transform((text, ctx) => {
        const parsed = editorKeys.safeParse(safeJson(text));
        if (parsed.success) return parsed.data;
        ctx.addIssue({ code: 'custom', message: 'a JSON list of {"name","hash"} with a SHA-256 hex hash' });
        return z.NEVER;
      }),
    /** Set by Bicep where App Service authentication (Entra ID) fronts the app: staff then sign in with their account. */
    NEWSDESK_EASY_AUTH: z.enum(['true', 'false']).default('false'),
    NEWSDESK_WORK_QUEUE: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/, 'a queue name: 3-63 lower-case letters, digits, hyphens')
      .default('analysis-jobs'),
    NEWSDESK_ANALYSIS_TIMEOUT_NORMAL: duration('PT30M'),
    NEWSDESK_ANALYSIS_TIMEOUT_URGENT: duration('PT5M'),
    NEWSDESK_ESCALATION_GRACE: duration('PT2H'),
    NEWSDESK_DELIVERY_FIRST_RETRY: duration('PT30S'),
    NEWSDESK_DELIVERY_MAX_RETRY: duration('PT1H'),
    NEWSDESK_DELIVERY_RETRY_WINDOW: duration('PT24H'),
    /** An activity that meets a storage, queue or Event Grid fault is retried on durable timers, 5 s doubling to 5 min, for a day. */
    NEWSDESK_ACTIVITY_RETRY_FIRST: duration('PT5S'),
    NEWSDESK_ACTIVITY_RETRY_MAX: duration('PT5M'),
    NEWSDESK_ACTIVITY_RETRY_WINDOW: duration('PT24H'),
    NEWSDESK_OPS_WEBHOOK_URL: z.url().optional(),
    /** A file is compared with the client's files received this recently (docs/webhooks.md, Duplicates). */
    NEWSDESK_DUPLICATE_WINDOW: duration('P30D'),
    /** Perceptual hashes at most this many bits apart are near duplicates; 6 catches re-encodes and small crops. */
    NEWSDESK_NEAR_DUPLICATE_BITS: z.coerce.number().int().min(0).max(63).default(6),
    /** Where clients reach the API (in Azure, API Management's gateway): the webhook's links start with it. */
    NEWSDESK_PUBLIC_URL: z.url().default('http://127.0.0.1:7071'),
    NEWSDESK_CANCELLED_RETENTION: z.enum(['delete', 'retain']).default('delete'),
    /** The reconciler (README, Repairs): how often it runs, how long a published submission may wait to start, how far back it looks. */
    NEWSDESK_RECONCILE_SCHEDULE: z.string().regex(NCRONTAB, NCRONTAB_MESSAGE).default('0 */5 * * * *'),
    NEWSDESK_RECONCILE_START_GRACE: duration('PT1M'),
    NEWSDESK_RECONCILE_LOOKBACK: duration('P7D'),
    /** The orphan sweeper: how often it runs, and how old an `incoming/` blob with no submission must be to go. */
    NEWSDESK_SWEEP_SCHEDULE: z.string().regex(NCRONTAB, NCRONTAB_MESSAGE).default('0 */15 * * * *'),
    NEWSDESK_ORPHAN_AFTER: duration('PT1H'),
    /** The user-assigned managed identity the app runs as (the workers have their own). */
    AZURE_CLIENT_ID: z.string().optional(),
    /** The classifier the workers call: the desk's System page checks that it answers. */
    NEWSDESK_CLASSIFIER_ENDPOINT: z.url().optional(),
  })
  .extend(telemetrySchema.shape)
  .extend(accessSchema.shape);
export type AppSettings = z.infer<typeof schema>;

export interface AppConfig {
  storage: StorageSetting;
  /** Set: jobs go to this Service Bus namespace's queue; unset: to the storage account's queue. */
  serviceBus?: ServiceBusSetting;
  /** No key: publish as the managed identity. */
  eventGrid: { endpoint: string; key?: string };
  webhookAllowList: string | undefined;
  limits: IngestLimits;
  uploadSessionMinutes: number;
  defaultRateLimitPerMinute: number;
  /** A development client, created at start-up when its key is set (npm start sets it; Azure does not). */
  devClient?: DevClientSettings['devClient'];
  /** The key the mailbox (Logic App or local mail drop) presents. */
  mailboxApiKey?: string;
  /** The client administration key; unset: the admin API is off. */
  adminKey?: string;
  /** How long a replaced API key or webhook secret stays valid, in milliseconds. */
  keyOverlapMs: number;
  /** Signs job tokens (`current`); verifies them under `current`, then `previous` while it is set. */
  jobTokenKeys: { current: string; previous?: string };
  /** Who may use the desk. */
  staff: StaffAuthSettings;
  workQueue: string;
  pipeline: PipelineSettings;
  opsWebhookUrl?: string;
  /** The duplicate index's near-duplicate threshold in bits and its window in milliseconds. */
  duplicates: { maxBits: number; windowMs: number };
  /** The reconciler's timer and thresholds. */
  reconcile: ReconcileSettings;
  /** The orphan sweeper's timer and threshold. */
  sweep: SweepSettings;
  /** Whether a cancelled submission's originals move to the retention container instead of being deleted. */
  retainCancelled: boolean;
  /** Where traces and metrics go (Azure Monitor, OTLP, a local file, the console). */
  telemetry: TelemetrySettings;
  /** The classifier the workers call: the desk's system view asks its /health. */
  classifierEndpoint?: string;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const e = loadSettings(schema, env, LABEL);
  return {
    storage: storageSettingOf(e, LABEL),
    serviceBus: serviceBusSettingOf(e),
    eventGrid: { endpoint: e.NEWSDESK_EVENTGRID_ENDPOINT, key: e.NEWSDESK_EVENTGRID_KEY },
    webhookAllowList: e.NEWSDESK_WEBHOOK_ALLOWLIST,
    limits: {
      maxFileBytes: e.NEWSDESK_MAX_FILE_BYTES,
      maxFiles: e.NEWSDESK_MAX_FILES,
      maxTotalBytes: e.NEWSDESK_MAX_TOTAL_BYTES,
      maxRequestBytes: e.NEWSDESK_MAX_REQUEST_BYTES,
      maxUploadBytes: e.NEWSDESK_UPLOAD_MAX_BYTES,
      uploadIdleMs: e.NEWSDESK_UPLOAD_IDLE_TIMEOUT,
      maxConcurrentUploads: e.NEWSDESK_MAX_CONCURRENT_UPLOADS,
    },
    uploadSessionMinutes: e.NEWSDESK_UPLOAD_SESSION_MINUTES,
    defaultRateLimitPerMinute: e.NEWSDESK_DEFAULT_RATE_LIMIT,
    devClient:
      e.NEWSDESK_DEV_API_KEY && e.NEWSDESK_DEV_WEBHOOK_SECRET
        ? {
            apiKey: e.NEWSDESK_DEV_API_KEY,
            webhookSecret: e.NEWSDESK_DEV_WEBHOOK_SECRET,
            webhookUrl: e.NEWSDESK_DEV_WEBHOOK_URL,
            mailSenders: (e.NEWSDESK_DEV_MAIL_SENDERS ?? '')
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          }
        : undefined,
    mailboxApiKey: e.NEWSDESK_MAILBOX_API_KEY,
    adminKey: e.NEWSDESK_ADMIN_KEY,
    keyOverlapMs: e.NEWSDESK_KEY_OVERLAP,
    jobTokenKeys: { current: e.NEWSDESK_JOB_TOKEN_KEY, previous: e.NEWSDESK_JOB_TOKEN_KEY_PREVIOUS },
    staff: { editorKeys: e.NEWSDESK_EDITOR_KEYS, easyAuth: e.NEWSDESK_EASY_AUTH === 'true' },
    workQueue: e.NEWSDESK_WORK_QUEUE,
    pipeline: {
      analysisTimeoutMs: { normal: e.NEWSDESK_ANALYSIS_TIMEOUT_NORMAL, urgent: e.NEWSDESK_ANALYSIS_TIMEOUT_URGENT },
      graceMs: e.NEWSDESK_ESCALATION_GRACE,
      delivery: {
        firstRetryMs: e.NEWSDESK_DELIVERY_FIRST_RETRY,
        maxRetryMs: e.NEWSDESK_DELIVERY_MAX_RETRY,
        windowMs: e.NEWSDESK_DELIVERY_RETRY_WINDOW,
      },
      activityRetry: {
        firstRetryMs: e.NEWSDESK_ACTIVITY_RETRY_FIRST,
        maxRetryMs: e.NEWSDESK_ACTIVITY_RETRY_MAX,
        windowMs: e.NEWSDESK_ACTIVITY_RETRY_WINDOW,
      },
      publicUrl: e.NEWSDESK_PUBLIC_URL,
    },
    opsWebhookUrl: e.NEWSDESK_OPS_WEBHOOK_URL,
    duplicates: { maxBits: e.NEWSDESK_NEAR_DUPLICATE_BITS, windowMs: e.NEWSDESK_DUPLICATE_WINDOW },
    reconcile: {
      schedule: e.NEWSDESK_RECONCILE_SCHEDULE,
      startGraceMs: e.NEWSDESK_RECONCILE_START_GRACE,
      lookbackMs: e.NEWSDESK_RECONCILE_LOOKBACK,
      pageSize: 100,
    },
    sweep: { schedule: e.NEWSDESK_SWEEP_SCHEDULE, orphanAfterMs: e.NEWSDESK_ORPHAN_AFTER },
    retainCancelled: e.NEWSDESK_CANCELLED_RETENTION === 'retain',
    telemetry: telemetrySettingsOf(e),
    classifierEndpoint: e.NEWSDESK_CLASSIFIER_ENDPOINT,
  };
}
