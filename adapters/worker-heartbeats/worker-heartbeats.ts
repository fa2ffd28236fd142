import type { CircuitState } from '../../lib/resilience/circuit-breaker.js';

/** What a running worker says about itself every few seconds. */
export interface WorkerHeartbeat {
  workerId: string;
  /** ISO 8601 (UTC). */
  lastSeenAt: string;
  /** The classifier's circuit as this worker's breaker sees it; null when the worker has no classifier. */
  classifierCircuit: CircuitState | null;
  /** Why the worker takes no jobs although it runs (it cannot start ffprobe, say); absent while it is healthy. */
  problem?: string;
}

/**
 * The port for worker heartbeats: how the desk knows which workers run, the same way for the local worker processes
 * and for ACI container groups (a container group that exists may still be pulling its image or crash-looping; a
 * heartbeat means a worker is taking jobs). Adapters: TableWorkerHeartbeats (Azure Tables, Azurite locally) and
 * InMemoryWorkerHeartbeats (unit tests); both pass worker-heartbeats.contract.ts.
 */
export interface WorkerHeartbeats {
  /** Records the worker's latest heartbeat (last write wins). */
  beat(heartbeat: WorkerHeartbeat): Promise<void>;
  /** Workers whose last heartbeat is at or after `since`, most recently seen first. */
  seenSince(since: Date): Promise<WorkerHeartbeat[]>;
  /** A worker that stops cleanly stops counting at once; one that crashed ages out. Removing nothing is harmless. */
  remove(workerId: string): Promise<void>;
}

/** Newest first, then by id: the order every adapter lists in. */
export function byLastSeen(a: WorkerHeartbeat, b: WorkerHeartbeat): number {
  return b.lastSeenAt.localeCompare(a.lastSeenAt) || a.workerId.localeCompare(b.workerId);
}
