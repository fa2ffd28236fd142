import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DurableStore } from '@newsdesk/local-platform/durable';
import { afterEach, describe, expect, it } from 'vitest';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { startOrchestration, waitForStatus } from '../support/durable-client.js';

const APP = 'test/apps/conformance';
const hosts: HostProcess[] = [];

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.kill()));
});

/** A task hub whose inbox logs every row ever inserted into it (a trigger, so the host's own writes are seen). */
function loggedTaskHub(): { dataDir: string; inserted(): number[] } {
  const dataDir = mkdtempSync(join(tmpdir(), 'newsdesk-writes-'));
  const file = join(dataDir, 'durable', 'Conformance.sqlite');
  new DurableStore(file).close();
  const db = new Database(file);
  db.exec(`CREATE TABLE inbox_log (event_type INTEGER);
    CREATE TRIGGER inbox_logged AFTER INSERT ON inbox BEGIN
      INSERT INTO inbox_log VALUES (json_extract(new.event, '$.EventType'));
    END;`);
  db.close();
  return {
    dataDir,
    inserted() {
      const reader = new Database(file, { readonly: true });
      try {
        return (reader.prepare('SELECT event_type FROM inbox_log').all() as { event_type: number }[]).map((r) => r.event_type);
      } finally {
        reader.close();
      }
    },
  };
}

describe('durable store writes', () => {
  it('writes no start message for an instance or a child and no activity answer to the inbox: their rows stand for them', async () => {
    const hub = loggedTaskHub();
    const host = await startHostProcess({ app: APP, dataDir: hub.dataDir });
    hosts.push(host);
    await startOrchestration(host, 'parent', 'writes-parent');
    const done = await waitForStatus(host, 'writes-parent', ['Completed'], 20_000);
    expect(done.output).toMatchObject({ cities: ['Hello Tokyo!', 'Hello Seattle!', 'Hello London!'], fan: expect.anything() });
    const inserted = hub.inserted();
    // The children's answers to the parent are messages of their own; starts (0) and activity answers (5) are not.
    expect(inserted.filter((t) => t === 8)).toHaveLength(2);
    expect(inserted.filter((t) => t === 0 || t === 5)).toEqual([]);
  });

  it('starts an instance a host stored as Pending and then died before running it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'newsdesk-writes-'));
    const store = new DurableStore(join(dataDir, 'durable', 'Conformance.sqlite'));
    const at = new Date().toISOString();
    store.putInstance({
      instanceId: 'left-pending',
      executionId: 'e1',
      name: 'chaining',
      status: 'Pending',
      input: null,
      output: null,
      customStatus: null,
      createdTime: at,
      lastUpdatedTime: at,
      parentInstanceId: null,
      parentTaskId: null,
    });
    store.close();
    const host = await startHostProcess({ app: APP, dataDir });
    hosts.push(host);
    const done = await waitForStatus(host, 'left-pending', ['Completed'], 20_000);
    expect(done.output).toEqual(['Hello Tokyo!', 'Hello Seattle!', 'Hello London!']);
  });
});
