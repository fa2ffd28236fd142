import type { StoredBucket } from './read-buckets.js';

/**
 * The buckets the latest lookups read, at most `capacity` (the oldest forgotten first). findDuplicates
 * looks a file up and then inserts it: the insert takes these instead of reading the same buckets
 * again. A bucket written since fails the insert's ETag check, and the insert reads it afresh.
 */
export class RecentBuckets {
  private readonly buckets = new Map<string, StoredBucket>();

  constructor(private readonly capacity: number) {}

  remember(partitionKey: string, read: ReadonlyMap<string, StoredBucket>): void {
    for (const [rowKey, bucket] of read) {
      const key = JSON.stringify([partitionKey, rowKey]);
      this.buckets.delete(key);
      this.buckets.set(key, bucket);
    }
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.capacity) break;
      this.buckets.delete(key);
    }
  }

  /** Those of the buckets it has, each handed out once: after the insert's write its ETag is stale. */
  take(partitionKey: string, rowKeys: readonly string[]): Map<string, StoredBucket> {
    const taken = new Map<string, StoredBucket>();
    for (const rowKey of rowKeys) {
      const key = JSON.stringify([partitionKey, rowKey]);
      const bucket = this.buckets.get(key);
      if (!bucket) continue;
      taken.set(rowKey, bucket);
      this.buckets.delete(key);
    }
    return taken;
  }
}
