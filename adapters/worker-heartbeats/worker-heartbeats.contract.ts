import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { WorkerHeartbeats } from './worker-heartbeats.js';

/** The behaviour every WorkerHeartbeats adapter must have. Ids are unique per test: adapters may share a table. */
export function workerHeartbeatsContract(name: string, make: () => WorkerHeartbeats): void {
  describe(`WorkerHeartbeats contract: ${name}`, () => {
    // Far in the future, so rows other tests left behind are older than anything these tests look for.
    const at = (minute: number, second = 0) => new Date(Date.UTC(2099, 0, 1, 10, minute, second));

    it('lists the workers seen since a time, most recently seen first, with their classifier circuit', async () => {
      const beats = make();
      const [a, b, old] = ['a', 'b', 'old'].map((n) => `worker-${n}-${randomUUID()}`) as [string, string, string];
      await beats.beat({ workerId: old, lastSeenAt: at(1).toISOString(), classifierCircuit: 'closed' });
      await beats.beat({ workerId: a, lastSeenAt: at(5).toISOString(), classifierCircuit: 'open' });
      await beats.beat({ workerId: b, lastSeenAt: at(6).toISOString(), classifierCircuit: null });
      expect(await beats.seenSince(at(5))).toEqual([
        { workerId: b, lastSeenAt: at(6).toISOString(), classifierCircuit: null },
        { workerId: a, lastSeenAt: at(5).toISOString(), classifierCircuit: 'open' },
      ]);
    });

    it('keeps one row per worker: the latest heartbeat', async () => {
      const beats = make();
      const id = `host/1#2?-${randomUUID()}`;
      await beats.beat({ workerId: id, lastSeenAt: at(20).toISOString(), classifierCircuit: 'closed' });
      await beats.beat({ workerId: id, lastSeenAt: at(20, 10).toISOString(), classifierCircuit: 'half-open' });
      expect(await beats.seenSince(at(20))).toEqual([
        { workerId: id, lastSeenAt: at(20, 10).toISOString(), classifierCircuit: 'half-open' },
      ]);
    });

    it('carries the problem of a worker that runs but cannot work, and forgets it once a heartbeat has none', async () => {
      const beats = make();
      const id = `worker-${randomUUID()}`;
      const problem = 'ffprobe could not be started (EACCES)';
      await beats.beat({ workerId: id, lastSeenAt: at(30).toISOString(), classifierCircuit: 'closed', problem });
      expect(await beats.seenSince(at(30))).toEqual([
        { workerId: id, lastSeenAt: at(30).toISOString(), classifierCircuit: 'closed', problem },
      ]);
      await beats.beat({ workerId: id, lastSeenAt: at(30, 10).toISOString(), classifierCircuit: 'closed' });
      expect(await beats.seenSince(at(30))).toEqual([{ workerId: id, lastSeenAt: at(30, 10).toISOString(), classifierCircuit: 'closed' }]);
    });

    it('forgets a worker that stopped; removing an unknown worker is harmless', async () => {
      const beats = make();
      const id = `worker-${randomUUID()}`;
      await beats.beat({ workerId: id, lastSeenAt: at(40).toISOString(), classifierCircuit: null });
      await beats.remove(id);
      await beats.remove(id);
      expect(await beats.seenSince(at(40))).toEqual([]);
    });
  });
}
