import { ScalingPolicyError } from './scaling-policy-error.js';

/** How many workers to keep: the same policy drives the local runner and the Azure scaler. */
export interface ScalingPolicy {
  /** Workers kept even when the queue is empty (0 lets an idle deployment cost nothing). */
  min: number;
  /** Hard cap: the budget (GPU quota, money) — never exceeded, even with a long backlog. */
  max: number;
  /** Waiting jobs one worker is expected to absorb: backlog 25 with 10 per worker wants 3 workers. */
  jobsPerWorker: number;
  /** How long the queue must stay empty before workers are stopped, so a lull between bursts keeps them warm. */
  idleSeconds: number;
}

const wholeAtLeast = (value: number, least: number) => Number.isInteger(value) && value >= least;

/** Throws a ScalingPolicyError naming the first setting that makes no sense. */
export function assertScalingPolicy(policy: ScalingPolicy): void {
  const { min, max, jobsPerWorker, idleSeconds } = policy;
  if (!wholeAtLeast(min, 0)) throw new ScalingPolicyError(`min must be a whole number ≥ 0, not ${min}`);
  if (!wholeAtLeast(max, 1)) throw new ScalingPolicyError(`max must be a whole number ≥ 1, not ${max}`);
  if (min > max) throw new ScalingPolicyError(`min (${min}) must not exceed max (${max})`);
  if (!wholeAtLeast(jobsPerWorker, 1)) throw new ScalingPolicyError(`jobsPerWorker must be a whole number ≥ 1, not ${jobsPerWorker}`);
  if (!(Number.isFinite(idleSeconds) && idleSeconds >= 0)) throw new ScalingPolicyError(`idleSeconds must be ≥ 0, not ${idleSeconds}`);
}
