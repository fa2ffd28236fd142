import { byLastSeen, type WorkerHeartbeat, type WorkerHeartbeats } from './worker-heartbeats.js';

/** WorkerHeartbeats in this process's memory, for unit tests; passes worker-heartbeats.contract.ts. */
export class InMemoryWorkerHeartbeats implements WorkerHeartbeats {
  private readonly beats = new Map<string, WorkerHeartbeat>();

  async beat(heartbeat: WorkerHeartbeat): Promise<void> {
    this.beats.set(heartbeat.workerId, { ...heartbeat });
  }

  async seenSince(since: Date): Promise<WorkerHeartbeat[]> {
    const from = since.toISOString();
    return [...this.beats.values()]
      .filter((b) => b.lastSeenAt >= from)
      .map((b) => ({ ...b }))
      .sort(byLastSeen);
  }

  async remove(workerId: string): Promise<void> {
    this.beats.delete(workerId);
  }
}
