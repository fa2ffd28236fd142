import { describe, expect, it } from 'vitest';
import { Semaphore } from './semaphore.js';

const settled = async <T>(promise: Promise<T>): Promise<'pending' | 'resolved' | 'rejected'> => {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  promise.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  await new Promise((r) => setImmediate(r));
  return state;
};

describe('Semaphore', () => {
  it('grants up to the limit at once and makes the next caller wait for a release', async () => {
    const semaphore = new Semaphore(2);
    const first = await semaphore.acquire();
    await semaphore.acquire();
    const third = semaphore.acquire();
    expect(await settled(third)).toBe('pending');
    expect([semaphore.inUse, semaphore.waiting]).toEqual([2, 1]);
    first();
    expect(await settled(third)).toBe('resolved');
    expect([semaphore.inUse, semaphore.waiting]).toEqual([2, 0]);
  });

  it('serves waiters in arrival order', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const order: number[] = [];
    const waiters = [1, 2, 3].map((n) => semaphore.acquire().then((r) => (order.push(n), r())));
    release();
    await Promise.all(waiters);
    expect(order).toEqual([1, 2, 3]);
    expect(semaphore.inUse).toBe(0);
  });

  it('frees one slot per release, however often release is called', async () => {
    const semaphore = new Semaphore(2);
    const release = await semaphore.acquire();
    await semaphore.acquire();
    release();
    release();
    expect(semaphore.inUse).toBe(1);
  });

  it('rejects at once with the reason of an already aborted signal, taking no slot', async () => {
    const semaphore = new Semaphore(1);
    const reason = new Error('job cancelled');
    await expect(semaphore.acquire(AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(semaphore.inUse).toBe(0);
  });

  it('takes an aborted waiter out of the queue, so the slot goes to the next one', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const controller = new AbortController();
    const aborted = semaphore.acquire(controller.signal);
    const next = semaphore.acquire();
    controller.abort(new Error('gave up'));
    await expect(aborted).rejects.toThrow('gave up');
    expect(semaphore.waiting).toBe(1);
    release();
    expect(await settled(next)).toBe('resolved');
    expect(semaphore.inUse).toBe(1);
  });

  it('run holds a slot for the call and frees it when the call throws', async () => {
    const semaphore = new Semaphore(1);
    await expect(
      semaphore.run(async () => {
        expect(semaphore.inUse).toBe(1);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(semaphore.inUse).toBe(0);
    expect(await semaphore.run(async () => 42)).toBe(42);
  });

  it('with a limit of 1, runs one task at a time, in order, past failures (a serial queue)', async () => {
    const queue = new Semaphore(1);
    const events: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        events.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([queue.run(task('a')), queue.run(task('b', true)), queue.run(task('c'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('never lets more than the limit run together', async () => {
    const semaphore = new Semaphore(3);
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        semaphore.run(async () => {
          most = Math.max(most, ++running);
          await new Promise((r) => setTimeout(r, i % 3));
          running--;
        }),
      ),
    );
    expect(most).toBe(3);
  });

  it('refuses a limit below 1 or not whole', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
    expect(() => new Semaphore(1.5)).toThrow(RangeError);
  });
});
