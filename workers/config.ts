import { hostname } from 'node:os';
import { z } from 'zod';
import { durationSetting } from '../lib/settings/duration-setting.js';
import { InvalidSettings } from '../lib/settings/invalid-settings.js';
import { loadSettings } from '../lib/settings/load-settings.js';
import { IMAGE_ANALYSIS_FEATURES, type ImageAnalysisFeature } from '../contracts/classification.js';
import { telemetrySchema, telemetrySettingsOf, type TelemetrySettings } from '../adapters/telemetry/telemetry-settings.js';
import { accessSchema, serviceBusSettingOf, storageSettingOf } from '../adapters/azure-access/access-settings.js';
import type { ServiceBusSetting, StorageSetting } from '../adapters/azure-access/azure-access.js';
import type { SummaryOptions } from './classification/summarize-image.js';

const LABEL = 'worker settings';
const int = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const duration = durationSetting;
const confidence = (fallback: number) => z.coerce.number().min(0).max(1).default(fallback);

/**
 * The worker container's settings. In Azure the container group's environment sets them (the
 * scaler copies them from its own settings); locally the container runner passes the same names.
 */
const schema = z
  .object({
    NEWSDESK_WORK_QUEUE: z.string().default('analysis-jobs'),
    NEWSDESK_WORKER_ID: z.string().optional(),
    NEWSDESK_WORKER_CONCURRENCY: int(2),
    NEWSDESK_WORKER_LOCK: duration('PT1M'),
    NEWSDESK_WORKER_MAX_DELIVERIES: int(5),
    NEWSDESK_WORKER_RETRY_DELAY: duration('PT15S'),
    NEWSDESK_WORKER_RETRY_MAX_DELAY: duration('PT5M'),
    NEWSDESK_WORKER_SHUTDOWN_GRACE: duration('PT20S'),
    NEWSDESK_WORKER_POLL: duration('PT1S'),
    /** Where each worker is a job execution (Azure Container Apps), it exits once it has had no work this long; PT0S: never. */
    NEWSDESK_WORKER_EXIT_WHEN_IDLE: duration('PT0S'),
    NEWSDESK_WORKER_GPU: z.enum(['auto', 'cuda', 'none']).default('auto'),
    NEWSDESK_WORKER_TEMP: z.string().optional(),
    /** Touched on every pass of the receive loop; the image's HEALTHCHECK reads its age. */
    NEWSDESK_WORKER_HEARTBEAT_FILE: z.string().optional(),
    NEWSDESK_MAX_PHOTO_PIXELS: int(100_000_000),
    NEWSDESK_MAX_PHOTO_BYTES: int(200 * 1024 * 1024),
    NEWSDESK_MAX_VIDEO_DURATION: duration('PT4H'),
    NEWSDESK_MAX_KEYFRAMES: int(12),
    NEWSDESK_SCENE_THRESHOLD: z.coerce.number().gt(0).lt(1).default(0.3),
    FFMPEG_PATH: z.string().optional(),
    FFPROBE_PATH: z.string().optional(),
    NEWSDESK_CLASSIFIER_ENDPOINT: z.url().optional(),
    NEWSDESK_CLASSIFIER_KEY: z.string().optional(),
    NEWSDESK_CLASSIFIER_FEATURES: z.string().default('tags,objects,people,read'),
    NEWSDESK_CLASSIFIER_CONCURRENCY: int(4),
    NEWSDESK_CLASSIFIER_TIMEOUT: duration('PT30S'),
    NEWSDESK_CLASSIFIER_ATTEMPTS: int(5),
    NEWSDESK_CLASSIFIER_RETRY_BUDGET: duration('PT1M'),
    NEWSDESK_CLASSIFIER_BREAKER_THRESHOLD: int(5),
    NEWSDESK_CLASSIFIER_BREAKER_COOLDOWN: duration('PT30S'),
    /** What the summary (the webhook's, the desk's) keeps of the classifier's answer; analysis.json keeps all of it. */
    NEWSDESK_SUMMARY_MIN_TAG_CONFIDENCE: confidence(0.6),
    NEWSDESK_SUMMARY_MIN_OBJECT_CONFIDENCE: confidence(0.5),
    NEWSDESK_SUMMARY_MIN_PERSON_CONFIDENCE: confidence(0.6),
    NEWSDESK_SUMMARY_MIN_TEXT_CONFIDENCE: confidence(0.5),
    NEWSDESK_SUMMARY_MAX_TAGS: int(10),
  })
  .extend(telemetrySchema.shape)
  .extend(accessSchema.shape);

export interface WorkerConfig {
  /** Media and results; the work queue too unless `queue.serviceBus` is set. */
  storage: StorageSetting;
  queue: { name: string; serviceBus?: ServiceBusSetting };
  workerId: string;
  concurrency: number;
  lockSeconds: number;
  maxDeliveries: number;
  retry: { baseSeconds: number; maxSeconds: number };
  shutdownGraceMs: number;
  pollSeconds: number;
  /** Exit after this long without work (a job execution); undefined: run until stopped (a long-running worker). */
  exitWhenIdleMs?: number;
  gpu: 'auto' | 'cuda' | 'none';
  tempDir?: string;
  heartbeatFile?: string;
  photo: { maxPixels: number; maxBytes: number };
  video: { maxDurationSeconds: number; maxKeyframes: number; sceneThreshold: number };
  ffmpeg: { ffmpegPath?: string; ffprobePath?: string };
  classifier?: {
    endpoint: string;
    key: string;
    features: ImageAnalysisFeature[];
    concurrency: number;
    timeoutMs: number;
    retry: { attempts: number; baseDelayMs: number; maxDelayMs: number; budgetMs: number };
    breaker: { failureThreshold: number; coolDownMs: number };
  };
  /** The confidence thresholds and tag count of the file summaries (and of a video's labels). */
  summary: Required<SummaryOptions>;
  telemetry: TelemetrySettings;
}

export function loadWorkerConfig(env: Record<string, string | undefined>): WorkerConfig {
  const e = loadSettings(schema, env, LABEL);
  return {
    storage: storageSettingOf(e, LABEL),
    queue: { name: e.NEWSDESK_WORK_QUEUE, serviceBus: serviceBusSettingOf(e) },
    workerId: e.NEWSDESK_WORKER_ID ?? `${hostname()}-${process.pid}`,
    concurrency: e.NEWSDESK_WORKER_CONCURRENCY,
    lockSeconds: e.NEWSDESK_WORKER_LOCK / 1000,
    maxDeliveries: e.NEWSDESK_WORKER_MAX_DELIVERIES,
    retry: { baseSeconds: e.NEWSDESK_WORKER_RETRY_DELAY / 1000, maxSeconds: e.NEWSDESK_WORKER_RETRY_MAX_DELAY / 1000 },
    shutdownGraceMs: e.NEWSDESK_WORKER_SHUTDOWN_GRACE,
    pollSeconds: e.NEWSDESK_WORKER_POLL / 1000,
    exitWhenIdleMs: e.NEWSDESK_WORKER_EXIT_WHEN_IDLE > 0 ? e.NEWSDESK_WORKER_EXIT_WHEN_IDLE : undefined,
    gpu: e.NEWSDESK_WORKER_GPU,
    tempDir: e.NEWSDESK_WORKER_TEMP,
    heartbeatFile: e.NEWSDESK_WORKER_HEARTBEAT_FILE,
    photo: { maxPixels: e.NEWSDESK_MAX_PHOTO_PIXELS, maxBytes: e.NEWSDESK_MAX_PHOTO_BYTES },
    video: {
      maxDurationSeconds: e.NEWSDESK_MAX_VIDEO_DURATION / 1000,
      maxKeyframes: e.NEWSDESK_MAX_KEYFRAMES,
      sceneThreshold: e.NEWSDESK_SCENE_THRESHOLD,
    },
    ffmpeg: { ffmpegPath: e.FFMPEG_PATH, ffprobePath: e.FFPROBE_PATH },
    classifier: e.NEWSDESK_CLASSIFIER_ENDPOINT
      ? {
          endpoint: e.NEWSDESK_CLASSIFIER_ENDPOINT,
          key: e.NEWSDESK_CLASSIFIER_KEY ?? '',
          features: parseFeatures(e.NEWSDESK_CLASSIFIER_FEATURES),
          concurrency: e.NEWSDESK_CLASSIFIER_CONCURRENCY,
          timeoutMs: e.NEWSDESK_CLASSIFIER_TIMEOUT,
          retry: {
            attempts: e.NEWSDESK_CLASSIFIER_ATTEMPTS,
            baseDelayMs: 250,
            maxDelayMs: 10_000,
            budgetMs: e.NEWSDESK_CLASSIFIER_RETRY_BUDGET,
          },
          breaker: { failureThreshold: e.NEWSDESK_CLASSIFIER_BREAKER_THRESHOLD, coolDownMs: e.NEWSDESK_CLASSIFIER_BREAKER_COOLDOWN },
        }
      : undefined,
    summary: {
      minTagConfidence: e.NEWSDESK_SUMMARY_MIN_TAG_CONFIDENCE,
      minObjectConfidence: e.NEWSDESK_SUMMARY_MIN_OBJECT_CONFIDENCE,
      minPersonConfidence: e.NEWSDESK_SUMMARY_MIN_PERSON_CONFIDENCE,
      minTextConfidence: e.NEWSDESK_SUMMARY_MIN_TEXT_CONFIDENCE,
      maxTags: e.NEWSDESK_SUMMARY_MAX_TAGS,
    },
    telemetry: telemetrySettingsOf(e),
  };
}

function parseFeatures(text: string): ImageAnalysisFeature[] {
  const features = text
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const unknown = features.filter((f) => !(IMAGE_ANALYSIS_FEATURES as readonly string[]).includes(f));
  if (unknown.length > 0) throw new InvalidSettings(LABEL, `NEWSDESK_CLASSIFIER_FEATURES: unknown feature(s) ${unknown.join(', ')}`);
  return features as ImageAnalysisFeature[];
}
