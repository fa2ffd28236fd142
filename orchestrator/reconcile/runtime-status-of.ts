import type { DurableClient } from 'durable-functions';

/**
 * An instance's runtime status, or undefined when the task hub has none by that id (the SDK's 404). Any other error
 * is thrown: a task hub that cannot be reached must not read as "never started".
 */
export async function runtimeStatusOf(durable: Pick<DurableClient, 'getStatus'>, instanceId: string): Promise<string | undefined> {
  try {
    return String((await durable.getStatus(instanceId)).runtimeStatus);
  } catch (error) {
    if (/\bHTTP 404\b/.test(String(error))) return undefined;
    throw error;
  }
}
