import { app } from '@azure/functions';
import type { EventDeadLetters } from '../../adapters/event-dead-letters/event-dead-letters.js';
import type { WorkerHeartbeats } from '../../adapters/worker-heartbeats/worker-heartbeats.js';
import { authenticateStaff } from '../auth/authenticate-staff.js';
import type { IngestDeps } from '../deps.js';
import { handle } from '../http/handle.js';
import type { ClassifierProbe } from './probe-classifier.js';

export interface SystemDeps extends IngestDeps {
  /** The work queue: its name and backlog (the JobQueue's depth). */
  queue: { name: string; depth(): Promise<number> };
  heartbeats: WorkerHeartbeats;
  deadLetters: EventDeadLetters;
  classifier(): Promise<ClassifierProbe>;
}

/** Workers announce themselves every 10 s: one silent for three periods is gone (crashed, or its container stopped). */
const RUNNING_WITHIN_MS = 30_000;
const LAST = 20;

/** `GET /api/staff/system`: what an operator checks first — backlog, workers, classifier, recent failures, dead letters. */
export function createGetSystem(deps: SystemDeps) {
  return handle(async (request) => {
    authenticateStaff(request, deps.staff);
    const now = deps.now();
    const [depth, workers, probe, failed, deadLetters] = await Promise.all([
      deps.queue.depth(),
      deps.heartbeats.seenSince(new Date(now.getTime() - RUNNING_WITHIN_MS)),
      deps.classifier(),
      deps.store.recentFailures(LAST),
      deps.deadLetters.recent(LAST),
    ]);
    const submissions = new Map(
      await Promise.all(
        [...new Set(failed.map((f) => f.submissionId))].map(async (id) => [id, await deps.store.getSubmission(id)] as const),
      ),
    );
    const failures = failed.map(({ submissionId, file }) => ({
      submissionId,
      fileId: file.fileId,
      name: submissions.get(submissionId)?.files.find((f) => f.fileId === file.fileId)?.name ?? null,
      reason: file.reason ?? file.state,
      at: file.updatedAt,
    }));
    // A worker's breaker opens after repeated failures: that outage is real even when /health answers (or cannot be asked).
    const circuitOpen = workers.some((w) => w.classifierCircuit === 'open');
    const classifier = circuitOpen ? { state: 'circuit-open', modelLoadMs: probe.modelLoadMs } : probe;
    return {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      jsonBody: {
        queue: { name: deps.queue.name, depth },
        workers: {
          running: workers.length,
          // A worker that runs but cannot work (it cannot start ffprobe, say) says why: that is for an operator to fix.
          instances: workers.map((w) => ({ id: w.workerId, lastSeenAt: w.lastSeenAt, ...(w.problem && { problem: w.problem }) })),
        },
        classifier: { ...classifier, checkedAt: now.toISOString() },
        failures,
        deadLetters,
      },
    };
  });
}

export function registerGetSystem(deps: SystemDeps): void {
  app.http('staffSystem', { route: 'staff/system', methods: ['GET'], authLevel: 'anonymous', handler: createGetSystem(deps) });
}
