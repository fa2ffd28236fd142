import type { ContainerRunner, WorkerInstance } from '../../adapters/container-runner/container-runner.js';
import { decideScale, type ScaleDecision } from './decide-scale.js';
import { assertScalingPolicy, type ScalingPolicy } from './scaling-policy.js';

/** Structurally the same as the local host's Logger, so either side can pass its own. */
export interface ScalingLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface AutoscalerOptions {
  /** Only the backlog is needed: a JobQueue fits, and so does `{ depth: async () => n }`. */
  queue: { depth(): Promise<number> };
  runner: ContainerRunner;
  policy: ScalingPolicy;
  /** Pause between the end of one tick and the start of the next; 0 runs no timer (the caller calls tick()). */
  intervalMs: number;
  log: ScalingLog;
  clock?: () => Date;
}

export interface AutoscalerSnapshot {
  ticks: number;
  ticking: boolean;
  stopped: boolean;
  lastBacklog: number | undefined;
  lastBusyAt: Date | undefined;
  lastDecision: ScaleDecision | undefined;
  /** The workers the last tick saw, before applying its decision. */
  instances: WorkerInstance[];
  /** What went wrong in the last tick that failed, cleared by the next one that doesn't. */
  lastError: string | undefined;
}

export interface Autoscaler {
  /** Observes, decides and applies once; a call while a tick runs gets that tick's decision. Never rejects for runner or queue errors. */
  tick(): Promise<ScaleDecision>;
  /** No more ticks; resolves once the one in flight (if any) is done. Workers are left as they are. */
  stop(): Promise<void>;
  snapshot(): AutoscalerSnapshot;
}

const describeError = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * Polls the queue's depth, asks decideScale, and applies the decision through the runner — the loop shared by the
 * local runner and the Azure scaler. Every tick starts from what the runner lists (not from what the last tick
 * believed it did), so a failed or half-applied tick is simply corrected by the next one.
 */
export function startAutoscaler(options: AutoscalerOptions): Autoscaler {
  const { queue, runner, policy, intervalMs, log } = options;
  assertScalingPolicy(policy);
  const clock = options.clock ?? (() => new Date());
  const state: AutoscalerSnapshot = {
    ticks: 0,
    ticking: false,
    stopped: false,
    lastBacklog: undefined,
    // Workers found at start-up (a restarted scaler) get one full idle period before being stopped.
    lastBusyAt: clock(),
    lastDecision: undefined,
    instances: [],
    lastError: undefined,
  };
  let inFlight: Promise<ScaleDecision> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastSituation: string | undefined;

  const fail = (message: string, error: unknown, fields: Record<string, unknown> = {}) => {
    state.lastError = describeError(error);
    log.error(message, { ...fields, error: state.lastError });
  };

  const observe = async (): Promise<{ backlog: number; instances: WorkerInstance[] } | undefined> => {
    try {
      const [backlog, instances] = await Promise.all([queue.depth(), runner.list()]);
      return { backlog, instances };
    } catch (error) {
      fail('autoscaler: could not read the queue depth or the workers; trying again next tick', error);
      return undefined;
    }
  };

  const apply = async (decision: ScaleDecision): Promise<void> => {
    const stops = decision.stop.map((id) =>
      runner.stop(id).catch((error: unknown) => fail('autoscaler: could not stop a worker', error, { id })),
    );
    const start =
      decision.start > 0
        ? runner
            .start(decision.start)
            .catch((error: unknown) => fail('autoscaler: could not start workers', error, { count: decision.start }))
        : undefined;
    await Promise.all([...stops, start]);
  };

  const runTick = async (): Promise<ScaleDecision> => {
    state.ticks++;
    state.lastError = undefined;
    const seen = await observe();
    if (!seen) return { start: 0, stop: [], desired: state.lastDecision?.desired ?? 0, reason: `not observed: ${state.lastError}` };
    const now = clock();
    if (seen.backlog > 0) state.lastBusyAt = now;
    state.lastBacklog = seen.backlog;
    state.instances = seen.instances;
    const decision = decideScale({ ...policy, backlog: seen.backlog, instances: seen.instances, now, lastBusyAt: state.lastBusyAt });
    state.lastDecision = decision;
    const acts = decision.start > 0 || decision.stop.length > 0;
    // Steady ticks repeat themselves every interval: log one only when the workers or the queue's state change.
    const queueState = seen.backlog > 0 ? 'busy' : seen.backlog === 0 ? 'empty' : 'unknown';
    const situation = JSON.stringify([queueState, decision.desired, seen.instances.map((w) => `${w.id}:${w.state}`).sort()]);
    if (acts || situation !== lastSituation) {
      log.info(`autoscaler: ${decision.reason}`, { backlog: seen.backlog, workers: seen.instances.length, desired: decision.desired });
    }
    lastSituation = situation;
    if (acts) await apply(decision);
    return decision;
  };

  const tick = (): Promise<ScaleDecision> => {
    if (state.stopped) return Promise.reject(new Error('The autoscaler was stopped'));
    if (!inFlight) {
      state.ticking = true;
      inFlight = runTick().finally(() => {
        inFlight = undefined;
        state.ticking = false;
      });
    }
    return inFlight;
  };

  // setTimeout after each tick (not setInterval): a slow tick delays the next instead of piling up behind it.
  const schedule = (delayMs: number) => {
    if (state.stopped || intervalMs <= 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      tick().then(
        () => schedule(intervalMs),
        () => schedule(intervalMs),
      );
    }, delayMs);
  };
  schedule(0);

  return {
    tick,
    async stop() {
      state.stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight?.catch(() => undefined);
    },
    snapshot: () => ({ ...state, instances: [...state.instances] }),
  };
}
