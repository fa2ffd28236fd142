import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { durationSetting } from '../lib/settings/duration-setting.js';
import { InvalidSettings } from '../lib/settings/invalid-settings.js';
import { loadSettings } from '../lib/settings/load-settings.js';
import { parseAllowList, type AllowList } from '../lib/net/allow-list.js';
import type { Detector } from './models/vision-models.js';
import { telemetrySchema, telemetrySettingsOf, type TelemetrySettings } from '../adapters/telemetry/telemetry-settings.js';

const LABEL = 'classifier settings';
const DETECTORS = ['objects', 'people', 'read', 'safety'] as const satisfies readonly Detector[];

const whole = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);
const duration = durationSetting;

/** The classifier service's settings (`node dist/classifier/main.js`); `npm start` sets them for its child process. */
const schema = z
  .object({
    NEWSDESK_CLASSIFIER_HOST: z.string().min(1).default('127.0.0.1'),
    /** 0 picks a free port (tests); the ready line says which. */
    NEWSDESK_CLASSIFIER_PORT: z.coerce.number().int().min(0).max(65_535).default(7072),
    NEWSDESK_CLASSIFIER_KEY: z
      .string({ error: 'NEWSDESK_CLASSIFIER_KEY (the key clients send in Ocp-Apim-Subscription-Key) is required' })
      // Short keys can be guessed; Azure's own are 32 hexadecimal characters.
      .min(16, 'NEWSDESK_CLASSIFIER_KEY must be at least 16 characters'),
    /**
     * Models' threads, each loading its own copy of the models (about 500 MB each with OCR, after use). tfjs' WebAssembly runs on
     * one core per thread, so one thread per core keeps them all busy; more only adds memory.
     */
    NEWSDESK_CLASSIFIER_THREADS: whole(availableParallelism()),
    /** Requests analysed at once (their jobs share the threads); unset: one per thread. */
    NEWSDESK_CLASSIFIER_SERVICE_CONCURRENCY: z.coerce.number().int().min(1).optional(),
    /** Requests admitted to wait for a model run; beyond running + waiting, requests get 429 with Retry-After. */
    NEWSDESK_CLASSIFIER_SERVICE_QUEUE: whole(4, 0),
    /** Azure refuses images larger than 20971520 bytes with 400. */
    NEWSDESK_CLASSIFIER_MAX_BYTES: whole(20 * 1024 * 1024),
    /** Decoding guard below Azure's 16000×16000 limit: an image with more pixels is refused before decoding. */
    NEWSDESK_CLASSIFIER_MAX_PIXELS: whole(100_000_000),
    /** Hosts, addresses and CIDRs that `{ "url": … }` may reach although they are not public (local development). */
    NEWSDESK_CLASSIFIER_URL_ALLOWLIST: z.string().optional(),
    /** Fetching a `{ "url": … }` image, from DNS to the last byte. */
    NEWSDESK_CLASSIFIER_URL_TIMEOUT: duration('PT10S'),
    /** Load only these detectors (comma-separated); unset loads the models' defaults. */
    NEWSDESK_CLASSIFIER_DETECTORS: z.string().optional(),
  })
  .extend(telemetrySchema.shape);

export interface ClassifierConfig {
  host: string;
  port: number;
  key: string;
  threads: number;
  concurrency: number;
  queue: number;
  maxBytes: number;
  maxPixels: number;
  urlAllowList: AllowList;
  urlTimeoutMs: number;
  /** undefined: the models' DEFAULT_DETECTORS. */
  detectors?: Detector[];
  telemetry: TelemetrySettings;
}

/** Reads and checks the settings from `env` (main passes process.env); throws naming every setting that is wrong. */
export function loadClassifierConfig(env: Record<string, string | undefined>): ClassifierConfig {
  const e = loadSettings(schema, env, LABEL);
  return {
    host: e.NEWSDESK_CLASSIFIER_HOST,
    port: e.NEWSDESK_CLASSIFIER_PORT,
    key: e.NEWSDESK_CLASSIFIER_KEY,
    threads: e.NEWSDESK_CLASSIFIER_THREADS,
    concurrency: e.NEWSDESK_CLASSIFIER_SERVICE_CONCURRENCY ?? e.NEWSDESK_CLASSIFIER_THREADS,
    queue: e.NEWSDESK_CLASSIFIER_SERVICE_QUEUE,
    maxBytes: e.NEWSDESK_CLASSIFIER_MAX_BYTES,
    maxPixels: e.NEWSDESK_CLASSIFIER_MAX_PIXELS,
    urlAllowList: allowList(e.NEWSDESK_CLASSIFIER_URL_ALLOWLIST),
    urlTimeoutMs: e.NEWSDESK_CLASSIFIER_URL_TIMEOUT,
    detectors: e.NEWSDESK_CLASSIFIER_DETECTORS === undefined ? undefined : detectors(e.NEWSDESK_CLASSIFIER_DETECTORS),
    telemetry: telemetrySettingsOf(e),
  };
}

function allowList(text: string | undefined): AllowList {
  try {
    return parseAllowList(text);
  } catch (error) {
    // The parser is shared with the webhook guard and names that setting.
    const message = (error as Error).message.replace(/^NEWSDESK_WEBHOOK_ALLOWLIST/, 'NEWSDESK_CLASSIFIER_URL_ALLOWLIST');
    throw new InvalidSettings(LABEL, message, { cause: error });
  }
}

function detectors(text: string): Detector[] {
  const names = [
    ...new Set(
      text
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = names.filter((d) => !(DETECTORS as readonly string[]).includes(d));
  if (unknown.length > 0) {
    throw new InvalidSettings(
      LABEL,
      `NEWSDESK_CLASSIFIER_DETECTORS: unknown detector(s) ${unknown.join(', ')} (known: ${DETECTORS.join(', ')})`,
    );
  }
  return names as Detector[];
}
