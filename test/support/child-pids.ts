import { readdirSync, readFileSync } from 'node:fs';

/** The pids of the live children of process `parent` whose command line contains `marker` (Linux /proc). */
export function childPids(parent: number, marker: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        // A killed child is a zombie until its supervisor reaps it: it is no longer there to kill or measure.
        if (Number(/PPid:\s+(\d+)/.exec(status)?.[1]) !== parent || /State:\s+Z/.test(status)) return [];
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker) ? [Number(pid)] : [];
      } catch {
        return []; // exited while we looked
      }
    });
}
