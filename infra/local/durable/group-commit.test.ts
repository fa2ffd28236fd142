import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';
import { DurableStore } from './store.js';
import { EventType } from './history.js';

const event = { EventType: EventType.EventRaised, EventId: -1, IsPlayed: false, Timestamp: new Date(0).toISOString(), Name: 'e' };

describe('GroupCommit', () => {
  it('commits the writers of one turn in a single transaction and settles them after it', async () => {
    const store = new DurableStore(':memory:');
    let commits = 0;
    store.db.function('count_commit', () => ++commits);
    store.db.exec("CREATE TEMP TRIGGER counted AFTER INSERT ON inbox WHEN new.instance_id = 'last' BEGIN SELECT count_commit(); END;");
    const group = new GroupCommit(store);
    const seen: boolean[] = [];
    const writers = ['a', 'b', 'last'].map((id) =>
      group.submit(() => {
        seen.push(store.db.inTransaction);
        store.enqueue(id, 0, event);
      }),
    );
    await Promise.all(writers);
    expect(seen).toEqual([true, true, true]);
    expect(commits).toBe(1);
    expect(store.pendingMessages().map((m) => m.instanceId)).toEqual(['a', 'b', 'last']);
  });

  it('fails every writer of the group and keeps none of their writes when one write fails', async () => {
    const store = new DurableStore(':memory:');
    const group = new GroupCommit(store);
    const good = group.submit(() => store.enqueue('a', 0, event));
    const bad = group.submit(() => {
      throw new Error('disk full');
    });
    await expect(good).rejects.toThrow('disk full');
    await expect(bad).rejects.toThrow('disk full');
    expect(store.pendingMessages()).toEqual([]);
  });
});
