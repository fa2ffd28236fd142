import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { CapacityLimiter } from './capacity-limiter.js';

/** A run that ends when the test says so. */
const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, work: () => opened };
};

describe('CapacityLimiter', () => {
  it('admits concurrency + queue requests and refuses the next at once', () => {
    const limiter = new CapacityLimiter({ concurrency: 1, queue: 1 });
    const a = limiter.tryAdmit();
    const b = limiter.tryAdmit();
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(limiter.tryAdmit()).toBeUndefined();
    a!.release();
    expect(limiter.tryAdmit()).toBeDefined();
  });

  it('runs at most `concurrency` at once, in arrival order', async () => {
    const limiter = new CapacityLimiter({ concurrency: 2, queue: 3 });
    const order: number[] = [];
    const gates = [gate(), gate(), gate(), gate()];
    const runs = gates.map((g, i) => {
      const ticket = limiter.tryAdmit()!;
      return ticket
        .run(async () => {
          order.push(i);
          await g.work();
        })
        .finally(() => ticket.release());
    });
    await sleep(5);
    expect({ running: limiter.running, waiting: limiter.waiting, order }).toEqual({ running: 2, waiting: 2, order: [0, 1] });
    gates[1]!.open();
    await sleep(5);
    expect(order).toEqual([0, 1, 2]);
    gates.forEach((g) => g.open());
    await Promise.all(runs);
    expect(order).toEqual([0, 1, 2, 3]);
    expect({ running: limiter.running, waiting: limiter.waiting }).toEqual({ running: 0, waiting: 0 });
  });

  it('keeps the place of a ticket released during its run until the run ends', async () => {
    const limiter = new CapacityLimiter({ concurrency: 1, queue: 0 });
    const ticket = limiter.tryAdmit()!;
    const g = gate();
    const run = ticket.run(g.work);
    await sleep(1);
    ticket.release();
    ticket.release();
    expect(limiter.tryAdmit()).toBeUndefined();
    g.open();
    await run;
    expect(limiter.tryAdmit()).toBeDefined();
  });

  it('lets a waiting request give up: it leaves the line and its place is freed on release', async () => {
    const limiter = new CapacityLimiter({ concurrency: 1, queue: 1 });
    const first = limiter.tryAdmit()!;
    const g = gate();
    const running = first.run(g.work);
    const second = limiter.tryAdmit()!;
    const controller = new AbortController();
    const waiting = second.run(async () => 'ran', controller.signal);
    controller.abort(new Error('client gone'));
    await expect(waiting).rejects.toThrow('client gone');
    second.release();
    expect(limiter.waiting).toBe(0);
    g.open();
    await running;
    first.release();
    expect(limiter.running).toBe(0);
  });

  it('frees the slot when a run fails', async () => {
    const limiter = new CapacityLimiter({ concurrency: 1, queue: 0 });
    const ticket = limiter.tryAdmit()!;
    await expect(ticket.run(async () => Promise.reject(new Error('model crashed')))).rejects.toThrow('model crashed');
    ticket.release();
    expect({ running: limiter.running, waiting: limiter.waiting }).toEqual({ running: 0, waiting: 0 });
  });

  it('says when to retry from the measured run time and the line ahead, in whole seconds, at least 1', async () => {
    let now = 0;
    const limiter = new CapacityLimiter({ concurrency: 1, queue: 2, initialRunMs: 100, now: () => now });
    expect(limiter.retryAfterSeconds()).toBe(1);
    for (let i = 0; i < 20; i++) {
      const ticket = limiter.tryAdmit()!;
      await ticket.run(async () => {
        now += 2000;
      });
      ticket.release();
    }
    expect(limiter.runMs).toBeGreaterThan(1990);
    limiter.tryAdmit();
    limiter.tryAdmit();
    // Two waiting and one more, at 2 s each, one at a time.
    expect(limiter.retryAfterSeconds()).toBe(6);
  });

  it('refuses nonsense limits', () => {
    expect(() => new CapacityLimiter({ concurrency: 0, queue: 1 })).toThrow(RangeError);
    expect(() => new CapacityLimiter({ concurrency: 1, queue: -1 })).toThrow(RangeError);
  });
});
