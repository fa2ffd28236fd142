/**
 * A received job ends exactly once (complete, abandon or dead-letter). The guard is released again
 * when the settling call fails, so the caller may retry it; a settled job has no lock to renew.
 */
export function settleOnce(messageId: string): { settle(action: () => Promise<void>): Promise<void>; assertOpen(): void } {
  let settled = false;
  return {
    async settle(action) {
      if (settled) throw new Error(`Job ${messageId} was already completed, abandoned or dead-lettered.`);
      settled = true;
      try {
        await action();
      } catch (error) {
        settled = false;
        throw error;
      }
    },
    assertOpen() {
      if (settled) throw new Error(`Job ${messageId} is settled; there is no lock to renew.`);
    },
  };
}
