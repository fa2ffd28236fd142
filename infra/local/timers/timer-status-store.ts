import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TimerStatus, TimerStatusStore } from './types.js';

/**
 * Timer schedule statuses in one JSON file (`{ [functionName]: { last, next, lastUpdated } }`),
 * the local stand-in for the blob the Functions host keeps per timer. Each `set` re-reads the
 * file and replaces it atomically (temp file + fsync + rename) so a crash never leaves half a
 * file. A missing or unreadable file reads as empty, like the host's "safe" status read: the
 * worst case is one missed past-due run, not a host that cannot start.
 */
export function createTimerStatusStore(path: string): TimerStatusStore {
  return {
    get(name) {
      const status = readAll(path)[name];
      return status && { ...status };
    },
    set(name, status) {
      const all = readAll(path);
      all[name] = { last: status.last, next: status.next, lastUpdated: status.lastUpdated };
      writeAtomically(path, `${JSON.stringify(all, null, 2)}\n`);
    },
  };
}

function readAll(path: string): Record<string, TimerStatus> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return {};
  }
  const result: Record<string, TimerStatus> = {};
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return result;
  for (const [name, value] of Object.entries(parsed)) {
    if (isStatus(value)) result[name] = value;
  }
  return result;
}

function isStatus(value: unknown): value is TimerStatus {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.last === 'string' && typeof v.next === 'string' && typeof v.lastUpdated === 'string';
}

function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
