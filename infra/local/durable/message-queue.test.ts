import { describe, expect, it } from 'vitest';
import { MessageQueue } from './message-queue.js';
import type { InboxMessage } from './store.js';

const msg = (id: number, instanceId: string, visibleAt: number): InboxMessage => ({
  id,
  instanceId,
  visibleAt,
  event: { EventType: 15, EventId: -1, IsPlayed: false, Timestamp: new Date(visibleAt).toISOString() },
});

describe('the engine message queue', () => {
  it('keeps arrival order per instance and cuts a batch after the marked message', () => {
    const woken: string[] = [];
    const q = new MessageQueue((id) => woken.push(id));
    for (let i = 1; i <= 4; i++) q.add(msg(i, 'a', 0));
    expect(woken).toEqual(['a', 'a', 'a', 'a']);
    expect(q.take('a', (m) => m.id === 2).map((m) => m.id)).toEqual([1, 2]);
    q.putBack('a', [msg(9, 'a', 0)]);
    expect(q.take('a', () => false).map((m) => m.id)).toEqual([9, 3, 4]);
    expect(q.has('a')).toBe(false);
  });

  it('releases future messages in due order and skips canceled ones', async () => {
    const woken: number[] = [];
    const q = new MessageQueue((_id, m) => woken.push(m.id));
    const now = Date.now();
    q.add(msg(1, 'a', now + 60));
    q.add(msg(2, 'a', now + 20));
    q.add(msg(3, 'a', now + 40));
    q.cancel(3);
    await new Promise((r) => setTimeout(r, 120));
    expect(woken).toEqual([2, 1]);
    q.close();
  });
});
