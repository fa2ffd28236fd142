import type { TableClient, TransactionAction } from '@azure/data-tables';

// A table transaction takes at most 100 actions and 4 MiB; a bucket entity is at most ~0.9 MiB.
const MAX_ACTIONS = 100;
const MAX_CHARS = 3_000_000;

/** Submits the actions (one partition) in as few transactions as the limits allow, one after the other. */
export async function inTransactions(table: TableClient, actions: readonly TransactionAction[]): Promise<void> {
  let batch: TransactionAction[] = [];
  let chars = 0;
  for (const action of actions) {
    const size = JSON.stringify(action[1]).length;
    if (batch.length && (batch.length === MAX_ACTIONS || chars + size > MAX_CHARS)) {
      await table.submitTransaction(batch);
      batch = [];
      chars = 0;
    }
    batch.push(action);
    chars += size;
  }
  if (batch.length) await table.submitTransaction(batch);
}
