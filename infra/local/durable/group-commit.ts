import type { DurableStore } from './store.js';

/**
 * Commits the writes of every episode that finishes in the same turn in one SQLite transaction:
 * one WAL commit instead of one each. A writer's promise settles only after its writes are
 * committed, so nothing an episode did becomes visible in memory before it is on disk; if the
 * transaction fails, every writer in it fails and retries its episode.
 */
export class GroupCommit {
  private pending: { write: () => void; resolve: () => void; reject: (e: unknown) => void }[] = [];

  constructor(private readonly store: DurableStore) {}

  submit(write: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.pending.push({ write, resolve, reject }) === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const group = this.pending;
    this.pending = [];
    try {
      this.store.transaction(() => group.forEach((g) => g.write()));
    } catch (error) {
      for (const g of group) g.reject(error);
      return;
    }
    for (const g of group) g.resolve();
  }
}
