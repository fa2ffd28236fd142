import { readdirSync, readFileSync } from 'node:fs';

/** The pid of the Functions host the `npm start` supervisor (pid `parent`) runs. */
export function findHostPid(parent: number): number | undefined {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (Number(/PPid:\s+(\d+)/.exec(status)?.[1]) !== parent) continue;
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('host/cli.js')) return Number(pid);
    } catch {
      // The process went away while we looked.
    }
  }
  return undefined;
}
