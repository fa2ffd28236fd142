import { readFileSync, readdirSync } from 'node:fs';

// For tests that check no child process (or zombie) outlives what started it.

/** Processes whose parent is this one, zombies included (Linux /proc). */
export function childProcesses(): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        // "pid (comm) state ppid …": the command name may hold spaces, so split after its ")".
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(ppid) === process.pid ? [`${pid} ${state}`] : [];
      } catch {
        return []; // exited while we looked
      }
    });
}
