import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobWake, JobWakeups } from './job-wake.js';

/** One sending end and the receiving end it reaches, fresh for each case. */
export interface JobWakePair {
  wake: JobWake;
  wakeups: JobWakeups;
  close(): Promise<void>;
}

/** Resolves once `listener` has been called `count` times, or rejects after `ms`. */
const heard = (wakeups: JobWakeups, count: number, ms = 2_000) =>
  new Promise<void>((resolve, reject) => {
    let n = 0;
    const timer = setTimeout(() => reject(new Error(`heard ${n} of ${count} wakes`)), ms);
    const stop = wakeups.onWake(() => {
      if (++n < count) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });

/**
 * The behaviour every JobWake adapter pair must have. `unreachable` gives a sending end that nothing listens to:
 * waking through it must neither throw nor wait.
 */
export function jobWakeContract(name: string, makePair: () => Promise<JobWakePair>, unreachable: () => JobWake): void {
  describe(`JobWake contract: ${name}`, () => {
    const open: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(open.splice(0).map((o) => o.close()));
    });
    const fresh = async () => {
      const pair = await makePair();
      open.push(pair);
      return pair;
    };

    it('reaches every listener', async () => {
      const { wake, wakeups } = await fresh();
      const both = Promise.all([heard(wakeups, 1), heard(wakeups, 1)]);
      wake.wake();
      await both;
    });

    it('reaches a listener once per wake', async () => {
      const { wake, wakeups } = await fresh();
      const three = heard(wakeups, 3);
      for (let i = 0; i < 3; i++) wake.wake();
      await three;
    });

    it('no longer reaches a listener that stopped listening', async () => {
      const { wake, wakeups } = await fresh();
      let stopped = 0;
      wakeups.onWake(() => stopped++)();
      const other = heard(wakeups, 1);
      wake.wake();
      await other;
      await sleep(50);
      expect(stopped).toBe(0);
    });

    it('never throws or waits when nobody listens, even once closed', async () => {
      const wake = unreachable();
      open.push(wake);
      expect(wake.wake()).toBeUndefined();
      await wake.close();
      expect(() => wake.wake()).not.toThrow();
    });
  });
}
