import type { JobWake, JobWakeups } from './job-wake.js';

/** Both ends in one object: every wake reaches every listener at once. For tests and single-process wiring. */
export class InMemoryJobWake implements JobWake, JobWakeups {
  private readonly listeners = new Set<() => void>();

  wake(): void {
    for (const listener of [...this.listeners]) listener();
  }

  onWake(listener: () => void): () => void {
    // A wrapper of its own, so the same function added twice is two listeners, each removed by its own call.
    const own = () => listener();
    this.listeners.add(own);
    return () => void this.listeners.delete(own);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
