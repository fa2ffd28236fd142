import { readFileSync } from 'node:fs';
import { childPids } from './child-pids.js';

/** What the chaos scenario breaks: the list (the host twice, a worker, the classifier, Azurite, the client's webhook). */
export type FaultName = 'host' | 'worker' | 'classifier' | 'azurite' | 'receiver';
export const FAULTS: readonly FaultName[] = ['host', 'host', 'worker', 'classifier', 'azurite', 'receiver'];
export const AZURITE_DOWN_MS = 30_000;
export const RECEIVER_DOWN_MS = 40_000;

/** The stack's processes are children of its supervisor (the `npm start` process); each kind is known by its entry point. */
const ENTRY: Record<'host' | 'worker' | 'classifier' | 'azurite', string> = {
  host: 'host/cli.js',
  worker: 'workers/main.js',
  classifier: 'classifier/main.js',
  azurite: 'azurite.js',
};

export interface FaultTargets {
  /** The pid of the stack's own process, which supervises (and restarts) the others. */
  supervisor: number;
  receiver: { down(): Promise<void>; up(): Promise<void> };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The pids of the stack's processes of one kind, as they are now. */
export function stackPids(supervisor: number, kind: keyof typeof ENTRY): number[] {
  return childPids(supervisor, ENTRY[kind]);
}

/**
 * Injects one fault and resolves when it is over (what it did, for the log). `pick` (in [0, 1), drawn from the
 * seed) chooses which worker. A process that is not there yet (being restarted after an earlier fault, or held by a
 * stopped supervisor) is waited for: each fault hits a live process.
 */
export async function injectFault(fault: FaultName, targets: FaultTargets, pick: number): Promise<string> {
  if (fault === 'receiver') {
    await targets.receiver.down();
    await sleep(RECEIVER_DOWN_MS);
    await targets.receiver.up();
    return `webhook receiver down for ${RECEIVER_DOWN_MS / 1000} s`;
  }
  if (fault === 'azurite') return azuriteOutage(targets.supervisor);
  const pids = await live(targets.supervisor, fault);
  const pid = pids[Math.floor(pick * pids.length)]!;
  process.kill(pid, 'SIGKILL');
  return `SIGKILL ${fault} (pid ${pid})`;
}

/**
 * Azurite down for AZURITE_DOWN_MS, as in test/integration/orchestration-outage.test.ts: its supervisor is held with
 * SIGSTOP so that nothing restarts it, Azurite is stopped with SIGTERM (a clean stop keeps its data, as a storage
 * account that comes back does; SIGKILL would lose the writes its store had not saved yet, which Azure never does),
 * and the supervisor is let go, restarting Azurite on the same ports. The supervisor's other children run on.
 */
async function azuriteOutage(supervisor: number): Promise<string> {
  const [pid] = await live(supervisor, 'azurite');
  process.kill(supervisor, 'SIGSTOP');
  try {
    process.kill(pid!, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (!gone(pid!) && Date.now() < deadline) await sleep(100);
    await sleep(AZURITE_DOWN_MS);
  } finally {
    process.kill(supervisor, 'SIGCONT');
  }
  return `Azurite (pid ${pid}) down for ${AZURITE_DOWN_MS / 1000} s`;
}

async function live(supervisor: number, kind: keyof typeof ENTRY): Promise<number[]> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const pids = stackPids(supervisor, kind);
    if (pids.length > 0) return pids;
    if (Date.now() > deadline) throw new Error(`no ${kind} process to break for 90 s`);
    await sleep(200);
  }
}

/** Exited: no such process, or a zombie its (stopped) parent has not reaped yet. */
function gone(pid: number): boolean {
  try {
    return /State:\s+Z/.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}
