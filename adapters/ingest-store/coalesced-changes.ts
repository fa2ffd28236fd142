type Change<T> = (current: T) => T | undefined;

interface Waiting<T> {
  change: Change<T>;
  applied: boolean;
  resolve(record: T | undefined): void;
  reject(error: unknown): void;
}

/**
 * Changes to one record that arrive together (the files of one submission finishing at once) applied in turns, each
 * turn one read-change-replace of all the changes waiting: while a replace is in flight, what arrives waits for the
 * next turn. Without it every caller raced the others under the record's ETag, and a 100-file submission spent its
 * replace attempts on 412s (then its activities' retry delays). `apply` runs one turn; a caller gets the record as
 * written when its change applied, and undefined when it returned undefined or there was no record.
 */
export class CoalescedChanges<T> {
  private readonly waiting = new Map<string, Waiting<T>[]>();

  constructor(private readonly apply: (key: string, change: Change<T>) => Promise<T | undefined>) {}

  change(key: string, change: Change<T>): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      const entry: Waiting<T> = { change, applied: false, resolve, reject };
      const queue = this.waiting.get(key);
      if (queue) return void queue.push(entry);
      this.waiting.set(key, [entry]);
      void this.drain(key);
    });
  }

  private async drain(key: string): Promise<void> {
    for (let turn = this.waiting.get(key) ?? []; turn.length > 0; turn = this.waiting.get(key) ?? []) {
      // Whatever arrives from here on waits for the next turn.
      this.waiting.set(key, []);
      try {
        const written = await this.apply(key, (current) => {
          // Called again when the replace meets another writer's ETag: every change is re-applied to the fresh record.
          let record = current;
          let changed = false;
          for (const entry of turn) {
            const next = entry.change(record);
            entry.applied = next !== undefined;
            if (next !== undefined) [record, changed] = [next, true];
          }
          return changed ? record : undefined;
        });
        for (const entry of turn) entry.resolve(entry.applied ? written : undefined);
      } catch (error) {
        for (const entry of turn) entry.reject(error);
      }
    }
    this.waiting.delete(key);
  }
}
