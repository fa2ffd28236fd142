import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One host process owns a task hub at a time (the engine keeps its queues in memory). A lock
 * left by a killed host names a dead pid and is taken over, which is what crash recovery needs.
 */
export function lockTaskHub(file: string): () => void {
  mkdirSync(dirname(file), { recursive: true });
  try {
    const pid = Number(readFileSync(file, 'utf8'));
    if (pid && pid !== process.pid && alive(pid)) {
      throw new Error(`The task hub is in use by another host (pid ${pid}); lock file ${file}.`);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}
