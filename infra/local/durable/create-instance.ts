import { randomUUID } from 'node:crypto';
import { DurableApiError } from './errors.js';
import { startMessage } from './history.js';
import { isTerminal } from './instance-status.js';
import { newInstanceRow, type DurableStore, type InboxMessage, type InstanceRow } from './store.js';

/**
 * Stores a new instance (its Pending row is its start message) in one transaction. A finished instance with the same
 * id is replaced (history and inbox cleared); a running one is refused with 400, as the extension does.
 */
export function createInstance(
  store: DurableStore,
  o: { name: string; instanceId: string | undefined; input: string | null; now: number },
): { row: InstanceRow; message: InboxMessage } {
  const id = o.instanceId ?? randomUUID().replace(/-/g, '');
  const existing = store.getInstance(id);
  if (existing && !isTerminal(existing.status)) {
    throw new DurableApiError(400, `An Orchestration instance with the status ${existing.status} already exists.`);
  }
  const row = newInstanceRow({ instanceId: id, name: o.name, input: o.input, now: o.now, parentInstanceId: null, parentTaskId: null });
  store.transaction(() => {
    store.clearHistory(id);
    store.clearInbox(id);
    store.putInstance(row);
  });
  return { row, message: startMessage(row) };
}
