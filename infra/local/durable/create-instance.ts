import { randomUUID } from 'node:crypto';
import { DurableApiError } from './errors.js';
import { executionStarted } from './history.js';
import { isTerminal } from './instance-status.js';
import { newInstanceRow, type DurableStore, type InboxMessage, type InstanceRow } from './store.js';
import { isoTime } from './time.js';

/**
 * Stores a new instance and its start message in one transaction. A finished instance with the same
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
  const event = executionStarted(isoTime(o.now), o.name, o.input, { _Execution: row.executionId });
  const messageId = store.transaction(() => {
    store.clearHistory(id);
    store.clearInbox(id);
    store.putInstance(row);
    return store.enqueue(id, o.now, event);
  });
  return { row, message: { id: messageId, instanceId: id, visibleAt: o.now, event } };
}
