/** Seconds before a job that may recover comes back: doubling per delivery, capped, so a down classifier is not hammered. */
export function retryDelaySeconds(deliveryCount: number, baseSeconds: number, maxSeconds: number): number {
  return Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, deliveryCount - 1));
}
