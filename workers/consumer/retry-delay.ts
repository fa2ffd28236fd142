import { nextRetryDelayMs } from '../../lib/resilience/backoff.js';

/** Seconds before a job that may recover comes back: doubling per delivery, capped (the webhook retries' schedule), so a down classifier is not hammered. */
export function retryDelaySeconds(deliveryCount: number, baseSeconds: number, maxSeconds: number): number {
  return nextRetryDelayMs(deliveryCount, { firstMs: Math.min(baseSeconds, maxSeconds) * 1000, maxMs: maxSeconds * 1000 }) / 1000;
}
