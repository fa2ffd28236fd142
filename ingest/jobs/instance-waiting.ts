import type { DurableClient } from 'durable-functions';

const WAITING = new Set(['Running', 'Pending']);

/**
 * Whether an orchestration instance still runs (and so may take an event). An instance the task hub does not know
 * (never started, or purged) does not; any other failure to ask is thrown, so the caller answers 5xx and the worker
 * raises again later instead of dropping a good result.
 */
export async function instanceWaiting(durable: DurableClient, instanceId: string): Promise<boolean> {
  try {
    const status = await durable.getStatus(instanceId);
    return WAITING.has(String(status.runtimeStatus));
  } catch (error) {
    if (error instanceof Error && /HTTP 404\b/.test(error.message)) return false;
    throw error;
  }
}
