import type { InboxMessage } from './store.js';

/**
 * The engine's in-memory view of the inbox: visible messages per instance, in arrival order, and
 * future ones (timers) on a min-heap released by a single timeout. SQLite stays the record;
 * this is only the index that avoids polling it.
 */
export class MessageQueue {
  private readonly visible = new Map<string, InboxMessage[]>();
  private readonly delayed: InboxMessage[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly canceled = new Set<number>();

  constructor(private readonly onVisible: (instanceId: string, message: InboxMessage) => void) {}

  add(message: InboxMessage, now = Date.now()): void {
    if (message.visibleAt <= now) {
      const list = this.visible.get(message.instanceId);
      if (list) list.push(message);
      else this.visible.set(message.instanceId, [message]);
      this.onVisible(message.instanceId, message);
    } else {
      this.push(message);
      this.arm();
    }
  }

  has(instanceId: string): boolean {
    return (this.visible.get(instanceId)?.length ?? 0) > 0;
  }

  /** Takes messages for one episode; `stopAfter` ends the batch at (and including) a message. */
  take(instanceId: string, stopAfter: (m: InboxMessage) => boolean): InboxMessage[] {
    const list = this.visible.get(instanceId) ?? [];
    let n = 0;
    while (n < list.length && !stopAfter(list[n++]!));
    const batch = list.splice(0, n);
    if (list.length === 0) this.visible.delete(instanceId);
    return batch;
  }

  /** Puts messages back at the front, in order (after a failed commit, or ones held while suspended). */
  putBack(instanceId: string, messages: InboxMessage[]): void {
    if (messages.length === 0) return;
    this.visible.set(instanceId, [...messages, ...(this.visible.get(instanceId) ?? [])]);
  }

  /** Drops a pending message by id (a canceled timer); it is deleted from SQLite by the caller. */
  cancel(id: number): void {
    this.canceled.add(id);
  }

  drop(instanceId: string): InboxMessage[] {
    const list = this.visible.get(instanceId) ?? [];
    this.visible.delete(instanceId);
    return list;
  }

  close(): void {
    clearTimeout(this.timer);
  }

  private arm(): void {
    const next = this.delayed[0];
    clearTimeout(this.timer);
    if (!next) return;
    // setTimeout caps at ~24.8 days; a long wait simply re-arms when it wakes.
    const wait = Math.min(Math.max(0, next.visibleAt - Date.now()), 2 ** 31 - 1);
    this.timer = setTimeout(() => this.release(), wait);
  }

  private release(): void {
    const now = Date.now();
    while (this.delayed.length && this.delayed[0]!.visibleAt <= now) {
      const m = this.pop()!;
      if (this.canceled.delete(m.id)) continue;
      this.add(m, now);
    }
    this.arm();
  }

  private push(m: InboxMessage): void {
    const h = this.delayed;
    h.push(m);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]!.visibleAt <= m.visibleAt) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = m;
  }

  private pop(): InboxMessage | undefined {
    const h = this.delayed;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l]!.visibleAt < (m === i ? last.visibleAt : h[m]!.visibleAt)) m = l;
        if (r < h.length && h[r]!.visibleAt < (m === i ? last.visibleAt : h[m]!.visibleAt)) m = r;
        if (m === i) break;
        h[i] = h[m]!;
        i = m;
      }
      h[i] = last;
    }
    return top;
  }
}
