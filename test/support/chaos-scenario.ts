import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { TableIngestStore } from '../../adapters/ingest-store/table-ingest-store.js';
import { launchStack, type LaunchedStack } from '../../infra/stack/launch-stack.js';
import { FAULTS, injectFault, stackPids, type FaultName } from './chaos-faults.js';
import { DECODABLE_PHOTOS } from './fixtures.js';
import { samplePeakRss } from './peak-rss.js';
import { seededRandom } from './seeded-random.js';
import { submitUntilAccepted, type Accepted } from './submit-until-accepted.js';
import { startReceiver } from './webhook-receiver.js';

const MASTER_KEY = 'chaos-master-key-0123456789abcdef';
const SECRET = 'chaos-webhook-secret-0123456789';
const ORPHAN_AFTER_MS = 5_000;
const FINAL = new Set(['completed', 'partial', 'failed', 'cancelled']);
/** Small photos (any decodable one would do; these keep a 2-core run short) and a one-second video. */
const PHOTOS = DECODABLE_PHOTOS.filter((p) =>
  ['dog-bicycle-truck.jpg', 'highway-signs-fog.jpg', 'runners-race.jpg', 'cat-chelsea.png'].includes(p),
);
const VIDEO = 'event-people-vp8-opus.webm';

/**
 * The pipeline's timeouts and retries, shortened so that a run converges in seconds once its faults are over; each
 * is a setting of the app (app/config.ts), the workers (workers/config.ts) or the local stack.
 */
const SETTINGS: Record<string, string> = {
  NEWSDESK_HOST_MASTER_KEY: MASTER_KEY,
  NEWSDESK_DEV_WEBHOOK_SECRET: SECRET,
  NEWSDESK_WORKERS_MIN: '2',
  NEWSDESK_WORKERS_MAX: '2',
  // A killed worker's job is seen again by the other once its lock lapses.
  NEWSDESK_WORKER_LOCK: 'PT10S',
  NEWSDESK_WORKER_RETRY_DELAY: 'PT2S',
  NEWSDESK_WORKER_RETRY_MAX_DELAY: 'PT5S',
  // The real classifier service with only its object detector (tags come with it): about 0.5 s an image on this
  // machine rather than 2 to 3 s with people, safety and OCR, so 30 submissions fit the suite's time. A killed one
  // still reloads its models before it answers again.
  NEWSDESK_CLASSIFIER_DETECTORS: 'objects',
  NEWSDESK_CLASSIFIER_FEATURES: 'tags,objects',
  NEWSDESK_CLASSIFIER_TIMEOUT: 'PT20S',
  NEWSDESK_CLASSIFIER_RETRY_BUDGET: 'PT30S',
  NEWSDESK_CLASSIFIER_BREAKER_COOLDOWN: 'PT3S',
  NEWSDESK_ANALYSIS_TIMEOUT_NORMAL: 'PT3M',
  NEWSDESK_ESCALATION_GRACE: 'PT30S',
  NEWSDESK_DELIVERY_FIRST_RETRY: 'PT1S',
  NEWSDESK_DELIVERY_MAX_RETRY: 'PT4S',
  NEWSDESK_DELIVERY_RETRY_WINDOW: 'PT10M',
  NEWSDESK_ACTIVITY_RETRY_FIRST: 'PT1S',
  NEWSDESK_ACTIVITY_RETRY_MAX: 'PT4S',
  NEWSDESK_ACTIVITY_RETRY_WINDOW: 'PT10M',
  NEWSDESK_RECONCILE_SCHEDULE: '*/5 * * * * *',
  NEWSDESK_RECONCILE_START_GRACE: 'PT15S',
  // The sweeper runs when the scenario asks, once nothing is uploading any more.
  NEWSDESK_SWEEP_SCHEDULE: '0 0 0 1 1 *',
  NEWSDESK_ORPHAN_AFTER: `PT${ORPHAN_AFTER_MS / 1000}S`,
  NEWSDESK_UPLOAD_IDLE_TIMEOUT: 'PT10S',
};

export interface ChaosOptions {
  seed: number;
  submissions: number;
  /** How long after the last fault ends the submissions may take to settle before the run reports what it has. */
  settleMs: number;
  /** Settings over SETTINGS (a soak run's longer analysis timeout). */
  settings?: Record<string, string>;
  log(line: string): void;
}

export interface ChaosReport {
  seed: number;
  durationMs: number;
  faults: { fault: FaultName; atMs: number; did: string }[];
  /** Accepted submissions (the client got 202) and those it could not get accepted. */
  accepted: number;
  refused: string[];
  /** Every submission record's status, those the client never heard of included. */
  records: Record<string, number>;
  notFinal: string[];
  /** Accepted submissions with exactly one summary delivered (2xx), and with none. */
  delivered: number;
  lost: string[];
  /** Delivery ids answered 2xx more than once; submissions delivered under more than one id; bad signatures. */
  duplicated: string[];
  deliveredTwice: string[];
  badSignatures: number;
  /** 2xx deliveries of submissions the client never got an answer for (a host died before it answered). */
  unacknowledged: number;
  timeToWebhookMs: number[];
  /** Instances still Running, Pending or Failed. */
  unsettled: string[];
  /** incoming/ blobs with no submission after the sweeper's pass. */
  orphans: string[];
  swept: string[];
  reconcile: { examined: number; started: string[]; failed: string[]; errors: unknown[] };
  peakRssKiB: Record<string, number>;
}

/** The files of each submission and the faults' moments, all from the seed: a run is replayed by its seed. */
export function planChaos(seed: number, submissions: number) {
  const random = seededRandom(seed);
  const spreadMs = submissions * 500;
  const files = Array.from({ length: submissions }, (_, i) =>
    i % 6 === 5 ? [VIDEO] : Array.from({ length: random() < 0.3 ? 2 : 1 }, () => PHOTOS[Math.floor(random() * PHOTOS.length)]!),
  );
  const windowMs = Math.max(20_000, spreadMs);
  const faults = FAULTS.map((fault) => ({ fault, atMs: Math.round(1_000 + random() * windowMs), pick: random() }));
  return { files, spreadMs, faults: faults.sort((a, b) => a.atMs - b.atMs) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The chaos scenario (issue 14) shared by test/chaos and `npm run bench -- soak`: the stack as `npm start` runs it,
 * with its workers and classifier service; N submissions while the host is killed twice, a worker, the classifier,
 * Azurite is down for 30 s and the client's webhook for 40 s; then what every check needs, measured, not asserted.
 */
export async function runChaosScenario(options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const plan = planChaos(options.seed, options.submissions);
  const deliveredAt = new Map<string, number>();
  const hook = await startReceiver(SECRET, (r) => {
    if (r.validSignature && r.body.submissionId && !deliveredAt.has(r.body.submissionId)) deliveredAt.set(r.body.submissionId, Date.now());
    return 200;
  });
  let stack: LaunchedStack | undefined;
  try {
    stack = await launchStack({ ...SETTINGS, ...options.settings });
    const running = stack;
    const supervisor = stack.child.pid!;
    options.log(`stack up in ${Date.now() - started} ms: ${stack.url}, data and log in ${stack.dataDir}`);
    const rss = samplePeakRss(() => ({
      supervisor: [supervisor],
      host: stackPids(supervisor, 'host'),
      worker: stackPids(supervisor, 'worker'),
      classifier: stackPids(supervisor, 'classifier'),
      azurite: stackPids(supervisor, 'azurite'),
    }));
    const t0 = Date.now();
    const faults = plan.faults.map(async ({ fault, atMs, pick }) => {
      await sleep(atMs);
      options.log(`+${((Date.now() - t0) / 1000).toFixed(1)} s: ${fault}`);
      const did = await injectFault(fault, { supervisor, receiver: hook }, pick);
      return { fault, atMs, did };
    });
    const deadline = t0 + plan.spreadMs + 120_000;
    const submitted = await Promise.allSettled(
      plan.files.map(async (files, i) => {
        await sleep((i * plan.spreadMs) / plan.files.length);
        return submitUntilAccepted(running, `${hook.url}/s${i}`, files, deadline);
      }),
    );
    const accepted = submitted.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const refused = submitted.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    const lastSubmitAt = Date.now();
    const done = await Promise.all(faults);
    options.log(`+${((Date.now() - t0) / 1000).toFixed(1)} s: ${accepted.length} accepted, faults over`);

    const statusOf = statuses(running);
    const settleBy = Date.now() + options.settleMs;
    while (Date.now() < settleBy && !(await settled(accepted, deliveredAt, statusOf))) await sleep(1_000);
    const unsettled = await pollUnsettled(running, settleBy);
    options.log(`+${((Date.now() - t0) / 1000).toFixed(1)} s: settled; sweeping and reconciling`);
    await sleep(Math.max(0, lastSubmitAt + ORPHAN_AFTER_MS + 1_000 - Date.now()));
    const swept = ((await manage(running, 'sweep')) as { deleted: string[] }).deleted;
    const orphans = await orphansOf(running);
    const reconcile = (await manage(running, 'reconcile')) as ChaosReport['reconcile'];
    const records = await allRecords(running);
    const peakRssKiB = rss.stop();

    const ok = hook.received.filter((r) => r.answered >= 200 && r.answered < 300);
    const perId = countBy(ok.map((r) => r.deliveryId));
    const known = new Set(accepted.map((a) => a.submissionId));
    const idsOf = (id: string) => new Set(ok.filter((r) => r.body.submissionId === id).map((r) => r.deliveryId));
    return {
      seed: options.seed,
      durationMs: Date.now() - started,
      faults: done,
      accepted: accepted.length,
      refused,
      records: countBy(records.map((r) => r.status)),
      notFinal: records.filter((r) => !FINAL.has(r.status)).map((r) => `${r.submissionId} ${r.status}`),
      delivered: accepted.filter((a) => idsOf(a.submissionId).size === 1).length,
      lost: accepted.filter((a) => idsOf(a.submissionId).size === 0).map((a) => a.submissionId),
      duplicated: Object.entries(perId).flatMap(([id, n]) => (n > 1 ? [`${id} ×${n}`] : [])),
      deliveredTwice: accepted.filter((a) => idsOf(a.submissionId).size > 1).map((a) => [...idsOf(a.submissionId)].join(' ')),
      badSignatures: hook.received.filter((r) => !r.validSignature).length,
      unacknowledged: ok.filter((r) => !known.has(r.body.submissionId ?? '')).length,
      timeToWebhookMs: accepted.flatMap((a) => (deliveredAt.has(a.submissionId) ? [deliveredAt.get(a.submissionId)! - a.acceptedAt] : [])),
      unsettled,
      orphans,
      swept,
      reconcile,
      peakRssKiB,
    };
  } finally {
    // Whatever failed, the supervisor must not stay stopped, nor anything it started outlive the run.
    if (stack?.child.pid) process.kill(stack.child.pid, 'SIGCONT');
    await stack?.stop();
    // The stack's own log, for a failure's post-mortem.
    if (stack) writeFileSync(join(stack.dataDir, 'stack.log'), stack.output());
    await hook.close().catch((error: Error) => options.log(error.message));
  }
}

function statuses(stack: LaunchedStack): (id: string) => Promise<string | undefined> {
  const final = new Map<string, string>();
  return async (id) => {
    if (final.has(id)) return final.get(id);
    const res = await fetch(`${stack.url}/api/submissions/${id}`, { headers: { 'x-api-key': stack.apiKey } }).catch(() => undefined);
    const status = res?.ok ? ((await res.json()) as { status: string }).status : undefined;
    if (status && FINAL.has(status)) final.set(id, status);
    return status;
  };
}

async function settled(accepted: Accepted[], deliveredAt: Map<string, number>, statusOf: (id: string) => Promise<string | undefined>) {
  if (accepted.some((a) => !deliveredAt.has(a.submissionId))) return false;
  for (const a of accepted) if (!FINAL.has((await statusOf(a.submissionId)) ?? '')) return false;
  return true;
}

/** Instances still Running, Pending or Failed, through the Durable HTTP API, once those still running have had until `by`. */
async function pollUnsettled(stack: LaunchedStack, by: number): Promise<string[]> {
  for (;;) {
    const res = await fetch(
      `${stack.url}/runtime/webhooks/durabletask/instances?code=${MASTER_KEY}&runtimeStatus=Running,Pending,Failed&top=1000`,
    );
    const rows = (await res.json()) as { instanceId: string; runtimeStatus: string }[];
    if (rows.every((r) => r.runtimeStatus === 'Failed') || Date.now() > by) return rows.map((r) => `${r.instanceId} ${r.runtimeStatus}`);
    await sleep(1_000);
  }
}

async function manage(stack: LaunchedStack, pass: 'sweep' | 'reconcile'): Promise<unknown> {
  const res = await fetch(`${stack.url}/api/manage/${pass}`, { method: 'POST', headers: { 'x-admin-key': MASTER_KEY } });
  if (!res.ok) throw new Error(`${pass}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function orphansOf(stack: LaunchedStack): Promise<string[]> {
  const store = new TableIngestStore(stack.storage);
  const incoming = BlobServiceClient.fromConnectionString(stack.storage).getContainerClient('incoming');
  const orphans: string[] = [];
  for await (const blob of incoming.listBlobsFlat()) {
    if (!(await store.getSubmission(blob.name.split('/')[0]!))) orphans.push(`incoming/${blob.name}`);
  }
  return orphans;
}

async function allRecords(stack: LaunchedStack) {
  const store = new TableIngestStore(stack.storage);
  const records = [];
  let cursor: string | undefined;
  do {
    const page = await store.listAllSubmissions({ limit: 100, cursor });
    records.push(...page.submissions);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return records;
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
