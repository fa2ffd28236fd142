import type { WorkerInstance } from '../../adapters/container-runner/container-runner.js';
import { assertScalingPolicy, type ScalingPolicy } from './scaling-policy.js';

export interface ScaleInput extends ScalingPolicy {
  /** Jobs waiting. Negative (the JobQueue port's -1) when the queue cannot count: then nothing is scaled on it. */
  backlog: number;
  instances: WorkerInstance[];
  now: Date;
  /** When the queue was last seen non-empty; undefined when it never was. */
  lastBusyAt: Date | undefined;
}

export interface ScaleDecision {
  start: number;
  /** Ids to stop: failed workers, and running ones the queue no longer needs. */
  stop: string[];
  /** Live workers (starting + running) once the decision is applied. */
  desired: number;
  /** One line for the log: what was seen and why this follows. */
  reason: string;
}

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));
const newestFirst = (a: WorkerInstance, b: WorkerInstance) => b.startedAt.getTime() - a.startedAt.getTime() || b.id.localeCompare(a.id);

/**
 * How many workers to start and which to stop, from the backlog and the workers that exist. Pure: the autoscaler
 * observes, this decides, the autoscaler applies — the same for the local runner and the Azure scaler.
 *
 * Out: ceil(backlog / jobsPerWorker), within [min, max]. In: only after the queue has been empty for idleSeconds,
 * down to min, and while jobs wait no running worker is stopped (it is draining them) unless above max. 'starting'
 * workers are never stopped (their start is paid for and they may be about to take the next burst); 'stopping'
 * ones are ignored; 'failed' ones are stopped and, where the queue needs them, replaced.
 */
export function decideScale(input: ScaleInput): ScaleDecision {
  assertScalingPolicy(input);
  const { backlog, instances, min, max, jobsPerWorker, idleSeconds, now, lastBusyAt } = input;
  const failed = instances.filter((w) => w.state === 'failed').map((w) => w.id);
  const live = instances.filter((w) => w.state === 'starting' || w.state === 'running');
  const running = live.filter((w) => w.state === 'running').sort(newestFirst);
  const hold = clamp(live.length, min, max);

  let target: number;
  let why: string;
  if (!(Number.isFinite(backlog) && backlog >= 0)) {
    target = hold;
    why = `backlog unknown (${backlog}): holding ${live.length} within [${min}, ${max}]`;
  } else if (backlog > 0) {
    const wanted = Math.ceil(backlog / jobsPerWorker);
    target = clamp(Math.max(wanted, live.length), min, max);
    why = `backlog ${backlog} wants ${wanted} at ${jobsPerWorker} per worker${wanted > max ? `, capped at max ${max}` : ''}`;
  } else {
    const emptyMs = lastBusyAt === undefined ? Infinity : now.getTime() - lastBusyAt.getTime();
    const emptyFor = lastBusyAt === undefined ? 'never busy' : `empty for ${Math.floor(emptyMs / 1000)} s`;
    if (emptyMs >= idleSeconds * 1000) {
      target = min;
      why = `queue ${emptyFor} (idle after ${idleSeconds} s): down to min ${min}`;
    } else {
      target = hold;
      why = `queue ${emptyFor}, not yet idle (${idleSeconds} s): holding ${live.length}`;
    }
  }

  if (live.length > max) why += `; ${live.length} live, above max ${max}`;
  const stop = [...failed];
  let start = 0;
  let stoppedLive = 0;
  if (target > live.length) start = target - live.length;
  if (target < live.length) {
    const chosen = running.slice(0, live.length - target);
    stop.push(...chosen.map((w) => w.id));
    stoppedLive = chosen.length;
    if (chosen.length < live.length - target) why += `; ${live.length - target - chosen.length} still starting, not stopped`;
  }
  if (failed.length > 0) why += `; removing ${failed.length} failed`;
  const actions = [start > 0 ? `start ${start}` : '', stop.length > 0 ? `stop ${stop.join(', ')}` : ''].filter(Boolean);
  return { start, stop, desired: live.length + start - stoppedLive, reason: `${why} → ${actions.join(' and ') || 'no change'}` };
}
