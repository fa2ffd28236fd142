import { z } from 'zod';
import { parseDuration } from './duration.js';
import type { PipelineSettings } from '../orchestrator/orchestrations/pipeline-settings.js';

const GiB = 1024 ** 3;
const bytes = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      try {
        return parseDuration(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });

/**
 * The function app's settings: the one place that reads process.env. Locally `npm start` sets
 * them; in Azure they are app settings generated from the same names (infra/azure).
 */
const schema = z.object({
  AzureWebJobsStorage: z.string().min(1, 'AzureWebJobsStorage (the storage connection string) is required'),
  NEWSDESK_EVENTGRID_ENDPOINT: z.url('NEWSDESK_EVENTGRID_ENDPOINT (the Event Grid topic endpoint) is required'),
  NEWSDESK_EVENTGRID_KEY: z.string().min(1, 'NEWSDESK_EVENTGRID_KEY (the topic access key) is required'),
  NEWSDESK_WEBHOOK_ALLOWLIST: z.string().optional(),
  NEWSDESK_MAX_FILE_BYTES: bytes(2 * GiB),
  NEWSDESK_MAX_FILES: z.coerce.number().int().positive().default(20),
  NEWSDESK_MAX_TOTAL_BYTES: bytes(4 * GiB),
  NEWSDESK_UPLOAD_MAX_BYTES: bytes(5 * GiB),
  NEWSDESK_UPLOAD_SESSION_MINUTES: z.coerce.number().int().positive().default(15),
  NEWSDESK_DEFAULT_RATE_LIMIT: z.coerce.number().int().positive().default(600),
  NEWSDESK_DEV_API_KEY: z.string().min(16).optional(),
  NEWSDESK_DEV_WEBHOOK_SECRET: z.string().min(16).optional(),
  NEWSDESK_DEV_WEBHOOK_URL: z.url().optional(),
  NEWSDESK_DEV_MAIL_SENDERS: z.string().optional(),
  NEWSDESK_MAILBOX_API_KEY: z.string().min(16).optional(),
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
  NEWSDESK_OPS_WEBHOOK_URL: z.url().optional(),
  NEWSDESK_CANCELLED_RETENTION: z.enum(['delete', 'retain']).default('delete'),
});

export interface AppConfig {
  storageConnectionString: string;
  eventGrid: { endpoint: string; key: string };
  webhookAllowList: string | undefined;
  limits: { maxFileBytes: number; maxFiles: number; maxTotalBytes: number; maxUploadBytes: number };
  uploadSessionMinutes: number;
  defaultRateLimitPerMinute: number;
  /** A development client, created at start-up when its key is set (npm start sets it; Azure does not). */
  devClient?: { apiKey: string; webhookSecret: string; webhookUrl?: string; mailSenders: string[] };
  /** The key the mailbox (Logic App or local mail drop) presents. */
  mailboxApiKey?: string;
  workQueue: string;
  pipeline: PipelineSettings;
  opsWebhookUrl?: string;
  /** Whether a cancelled submission's originals move to the retention container instead of being deleted. */
  retainCancelled: boolean;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid Newsdesk settings — ${problems}`);
  }
  const e = parsed.data;
  return {
    storageConnectionString: e.AzureWebJobsStorage,
    eventGrid: { endpoint: e.NEWSDESK_EVENTGRID_ENDPOINT, key: e.NEWSDESK_EVENTGRID_KEY },
    webhookAllowList: e.NEWSDESK_WEBHOOK_ALLOWLIST,
    limits: {
      maxFileBytes: e.NEWSDESK_MAX_FILE_BYTES,
      maxFiles: e.NEWSDESK_MAX_FILES,
      maxTotalBytes: e.NEWSDESK_MAX_TOTAL_BYTES,
      maxUploadBytes: e.NEWSDESK_UPLOAD_MAX_BYTES,
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
    workQueue: e.NEWSDESK_WORK_QUEUE,
    pipeline: {
      analysisTimeoutMs: { normal: e.NEWSDESK_ANALYSIS_TIMEOUT_NORMAL, urgent: e.NEWSDESK_ANALYSIS_TIMEOUT_URGENT },
      graceMs: e.NEWSDESK_ESCALATION_GRACE,
      delivery: {
        firstRetryMs: e.NEWSDESK_DELIVERY_FIRST_RETRY,
        maxRetryMs: e.NEWSDESK_DELIVERY_MAX_RETRY,
        windowMs: e.NEWSDESK_DELIVERY_RETRY_WINDOW,
      },
    },
    opsWebhookUrl: e.NEWSDESK_OPS_WEBHOOK_URL,
    retainCancelled: e.NEWSDESK_CANCELLED_RETENTION === 'retain',
  };
}
