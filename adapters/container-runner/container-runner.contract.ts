import { afterEach, describe, expect, it } from 'vitest';
import type { ContainerRunner, WorkerInstance } from './container-runner.js';

const LIVE = ['starting', 'running'];
const STATES = ['starting', 'running', 'stopping', 'failed'];
/** Workers on their way in or up: what a scaler counts as capacity. */
const live = (workers: WorkerInstance[]) => workers.filter((w) => LIVE.includes(w.state));
const ids = (workers: WorkerInstance[]) => workers.map((w) => w.id).sort();

/**
 * The behaviour every ContainerRunner adapter must have. `makeRunner` gives a runner with no workers each time;
 * the suite stops whatever a test left running through the runner itself.
 */
export function containerRunnerContract(name: string, makeRunner: () => Promise<ContainerRunner>): void {
  describe(`ContainerRunner contract: ${name}`, () => {
    const used: ContainerRunner[] = [];
    const fresh = async () => {
      const runner = await makeRunner();
      used.push(runner);
      return runner;
    };
    afterEach(async () => {
      for (const runner of used.splice(0)) {
        const left = await runner.list();
        await Promise.all(left.map((w) => runner.stop(w.id)));
      }
    });

    it('starts with no workers, and start(0) starts none', async () => {
      const runner = await fresh();
      expect(await runner.list()).toEqual([]);
      expect(await runner.start(0)).toEqual([]);
      expect(await runner.list()).toEqual([]);
    });

    it('start(2) returns two distinct workers that list() then shows', async () => {
      const runner = await fresh();
      const started = await runner.start(2);
      expect(started).toHaveLength(2);
      expect(new Set(started.map((w) => w.id)).size).toBe(2);
      for (const worker of started) {
        expect(LIVE).toContain(worker.state);
        expect(worker.startedAt).toBeInstanceOf(Date);
        expect(Number.isNaN(worker.startedAt.getTime())).toBe(false);
      }
      const listed = await runner.list();
      expect(ids(live(listed))).toEqual(ids(started));
      for (const worker of listed) expect(STATES).toContain(worker.state);
    });

    it('stop(id) resolves once the worker no longer counts; the other one stays', async () => {
      const runner = await fresh();
      const [first, second] = await runner.start(2);
      await runner.stop(first!.id);
      expect(ids(live(await runner.list()))).toEqual([second!.id]);
    });

    it('stopping an unknown or already-stopped worker is fine', async () => {
      const runner = await fresh();
      await expect(runner.stop('no-such-worker')).resolves.toBeUndefined();
      const [worker] = await runner.start(1);
      await runner.stop(worker!.id);
      await expect(runner.stop(worker!.id)).resolves.toBeUndefined();
      expect(live(await runner.list())).toEqual([]);
    });

    it('a start after a stop gives new ids, never the stopped one again', async () => {
      const runner = await fresh();
      const before = await runner.start(2);
      await runner.stop(before[1]!.id);
      await runner.stop(before[0]!.id);
      const after = await runner.start(2);
      expect(after).toHaveLength(2);
      const all = [...before, ...after].map((w) => w.id);
      expect(new Set(all).size).toBe(4);
      expect(ids(live(await runner.list()))).toEqual(ids(after));
    });

    it('two starts at once do not pick the same ids', async () => {
      const runner = await fresh();
      const [a, b] = await Promise.all([runner.start(1), runner.start(2)]);
      const all = [...a, ...b].map((w) => w.id);
      expect(new Set(all).size).toBe(3);
      expect(ids(live(await runner.list()))).toEqual([...all].sort());
    });
  });
}
