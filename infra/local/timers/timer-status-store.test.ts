import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTimerStatusStore } from './timer-status-store.js';

const status = (hour: string) => ({
  last: `2024-05-01T${hour}:00:00.000Z`,
  next: `2024-05-01T${hour}:30:00.000Z`,
  lastUpdated: `2024-05-01T${hour}:00:00.000Z`,
});

describe('createTimerStatusStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'timer-status-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads nothing before anything was written', () => {
    expect(createTimerStatusStore(join(dir, 'missing.json')).get('cleanup')).toBeUndefined();
  });

  it('persists statuses per function across store instances, creating folders', () => {
    const path = join(dir, 'nested', 'deeper', 'timers.json');
    const store = createTimerStatusStore(path);
    store.set('cleanup', status('09'));
    store.set('digest', status('10'));
    store.set('cleanup', status('11'));

    const reopened = createTimerStatusStore(path);
    expect(reopened.get('cleanup')).toEqual(status('11'));
    expect(reopened.get('digest')).toEqual(status('10'));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      cleanup: status('11'),
      digest: status('10'),
    });
  });

  it('leaves no temp files behind', () => {
    const store = createTimerStatusStore(join(dir, 'timers.json'));
    for (let i = 0; i < 5; i++) store.set(`f${i}`, status('09'));
    expect(readdirSync(dir)).toEqual(['timers.json']);
  });

  it('hands out copies, so callers cannot mutate what is stored', () => {
    const store = createTimerStatusStore(join(dir, 'timers.json'));
    store.set('cleanup', status('09'));
    const read = store.get('cleanup');
    if (read) read.next = 'changed';
    expect(store.get('cleanup')).toEqual(status('09'));
  });

  it('reads a corrupt file as empty and replaces it on the next write', () => {
    const path = join(dir, 'timers.json');
    writeFileSync(path, '{ not json');
    const store = createTimerStatusStore(path);
    expect(store.get('cleanup')).toBeUndefined();
    store.set('cleanup', status('09'));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ cleanup: status('09') });
  });

  it('ignores malformed entries but keeps well-formed ones', () => {
    const path = join(dir, 'timers.json');
    writeFileSync(path, JSON.stringify({ bad: { last: 1 }, good: status('09') }));
    const store = createTimerStatusStore(path);
    expect(store.get('bad')).toBeUndefined();
    expect(store.get('good')).toEqual(status('09'));
  });

  it('throws when the file cannot be replaced, and cleans up its temp file', () => {
    const path = join(dir, 'timers.json');
    mkdirSync(path); // a folder where the file should go: rename fails
    const store = createTimerStatusStore(path);
    expect(() => store.set('cleanup', status('09'))).toThrow();
    expect(readdirSync(dir)).toEqual(['timers.json']);
  });
});
