import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HistoryEvent } from './history.js';

export type RuntimeStatus = 'Pending' | 'Running' | 'Completed' | 'ContinuedAsNew' | 'Failed' | 'Canceled' | 'Terminated' | 'Suspended';

export interface InstanceRow {
  instanceId: string;
  executionId: string;
  name: string;
  status: RuntimeStatus;
  input: string | null;
  output: string | null;
  customStatus: string | null;
  createdTime: string;
  lastUpdatedTime: string;
  parentInstanceId: string | null;
  parentTaskId: number | null;
}

/** A fresh, not yet started instance (a new execution id each time: answers to an older one are dropped). */
export function newInstanceRow(f: {
  instanceId: string;
  name: string;
  input: string | null;
  now: number;
  parentInstanceId: string | null;
  parentTaskId: number | null;
}): InstanceRow {
  const at = new Date(f.now).toISOString();
  return {
    instanceId: f.instanceId,
    executionId: randomUUID(),
    name: f.name,
    status: 'Pending',
    input: f.input,
    output: null,
    customStatus: null,
    createdTime: at,
    lastUpdatedTime: at,
    parentInstanceId: f.parentInstanceId,
    parentTaskId: f.parentTaskId,
  };
}

/** A message for an orchestration instance: a history event to add in its next episode, or a control verb. */
export interface InboxMessage {
  id: number;
  instanceId: string;
  visibleAt: number;
  event: HistoryEvent;
  /**
   * Set on an activity's answer delivered in memory: it is not in the inbox table, and the activity
   * row (this id) stands for it until the episode that consumes it deletes that row.
   */
  activityId?: number;
  /** Set on the start of a new instance or child: not in the inbox table, its Pending instance row stands for it. */
  fromRow?: true;
}

export interface ActivityItem {
  id: number;
  instanceId: string;
  executionId: string;
  taskId: number;
  name: string;
  input: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS instances (
  instance_id TEXT PRIMARY KEY, execution_id TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL,
  input TEXT, output TEXT, custom_status TEXT, created_time TEXT NOT NULL, last_updated_time TEXT NOT NULL,
  parent_instance_id TEXT, parent_task_id INTEGER
);
CREATE INDEX IF NOT EXISTS instances_by_created ON instances(created_time);
CREATE TABLE IF NOT EXISTS history (
  instance_id TEXT NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL, PRIMARY KEY (instance_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS inbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT, instance_id TEXT NOT NULL, visible_at INTEGER NOT NULL, event TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS inbox_by_instance ON inbox(instance_id, id);
CREATE TABLE IF NOT EXISTS activities (
  id INTEGER PRIMARY KEY AUTOINCREMENT, instance_id TEXT NOT NULL, execution_id TEXT NOT NULL,
  task_id INTEGER NOT NULL, name TEXT NOT NULL, input TEXT
);
`;

/** Columns read back under the field names of the row types, so rows need no mapping. */
const INSTANCE_COLUMNS = `instance_id AS instanceId, execution_id AS executionId, name, status, input, output,
  custom_status AS customStatus, created_time AS createdTime, last_updated_time AS lastUpdatedTime,
  parent_instance_id AS parentInstanceId, parent_task_id AS parentTaskId`;

/** The task hub on disk: one SQLite file in WAL mode, written by exactly one host process. */
export class DurableStore {
  readonly db: Database.Database;
  private readonly s;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a process crash (SIGKILL); only an OS crash can lose the last commits.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    const p = (sql: string) => this.db.prepare(sql);
    this.s = {
      getInstance: p(`SELECT ${INSTANCE_COLUMNS} FROM instances WHERE instance_id = ?`),
      upsertInstance: p(`INSERT INTO instances VALUES (@instanceId, @executionId, @name, @status, @input, @output,
        @customStatus, @createdTime, @lastUpdatedTime, @parentInstanceId, @parentTaskId)
        ON CONFLICT(instance_id) DO UPDATE SET execution_id = excluded.execution_id, name = excluded.name,
        status = excluded.status, input = excluded.input, output = excluded.output, custom_status = excluded.custom_status,
        created_time = excluded.created_time, last_updated_time = excluded.last_updated_time,
        parent_instance_id = excluded.parent_instance_id, parent_task_id = excluded.parent_task_id`),
      history: p('SELECT event FROM history WHERE instance_id = ? ORDER BY seq'),
      appendHistory: p('INSERT INTO history VALUES (?, ?, ?)'),
      clearHistory: p('DELETE FROM history WHERE instance_id = ?'),
      enqueue: p('INSERT INTO inbox (instance_id, visible_at, event) VALUES (?, ?, ?)'),
      dequeue: p('DELETE FROM inbox WHERE id = ?'),
      clearInbox: p('DELETE FROM inbox WHERE instance_id = ?'),
      allInbox: p('SELECT id, instance_id AS instanceId, visible_at AS visibleAt, event FROM inbox ORDER BY id'),
      addActivity: p('INSERT INTO activities (instance_id, execution_id, task_id, name, input) VALUES (?, ?, ?, ?, ?)'),
      removeActivity: p('DELETE FROM activities WHERE id = ?'),
      allActivities: p(
        'SELECT id, instance_id AS instanceId, execution_id AS executionId, task_id AS taskId, name, input FROM activities ORDER BY id',
      ),
      deleteInstance: p('DELETE FROM instances WHERE instance_id = ?'),
      pending: p(`SELECT ${INSTANCE_COLUMNS} FROM instances WHERE status = 'Pending' ORDER BY created_time`),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  getInstance(instanceId: string): InstanceRow | undefined {
    return this.s.getInstance.get(instanceId) as InstanceRow | undefined;
  }

  putInstance(row: InstanceRow): void {
    this.s.upsertInstance.run(row);
  }

  history(instanceId: string): HistoryEvent[] {
    return (this.s.history.all(instanceId) as { event: string }[]).map((r) => JSON.parse(r.event) as HistoryEvent);
  }

  appendHistory(instanceId: string, startSeq: number, events: HistoryEvent[]): void {
    events.forEach((e, i) => this.s.appendHistory.run(instanceId, startSeq + i, JSON.stringify(e)));
  }

  clearHistory(instanceId: string): void {
    this.s.clearHistory.run(instanceId);
  }

  enqueue(instanceId: string, visibleAt: number, event: HistoryEvent): number {
    return Number(this.s.enqueue.run(instanceId, visibleAt, JSON.stringify(event)).lastInsertRowid);
  }

  dequeue(id: number): void {
    this.s.dequeue.run(id);
  }

  clearInbox(instanceId: string): void {
    this.s.clearInbox.run(instanceId);
  }

  pendingMessages(): InboxMessage[] {
    const rows = this.s.allInbox.all() as (Omit<InboxMessage, 'event'> & { event: string })[];
    return rows.map((r) => ({ ...r, event: JSON.parse(r.event) as HistoryEvent }));
  }

  /** Instances created and not started yet: each row stands for its start message (see `startMessage`). */
  pendingInstances(): InstanceRow[] {
    return this.s.pending.all() as InstanceRow[];
  }

  addActivity(item: Omit<ActivityItem, 'id'>): number {
    return Number(this.s.addActivity.run(item.instanceId, item.executionId, item.taskId, item.name, item.input).lastInsertRowid);
  }

  removeActivity(id: number): void {
    this.s.removeActivity.run(id);
  }

  pendingActivities(): ActivityItem[] {
    return this.s.allActivities.all() as ActivityItem[];
  }

  /** Instances matching a status query, newest first, for `GET instances/`. */
  query(filter: { createdFrom?: string; createdTo?: string; statuses?: string[]; top: number; skip: number }): InstanceRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.createdFrom) {
      where.push('created_time >= ?');
      args.push(filter.createdFrom);
    }
    if (filter.createdTo) {
      where.push('created_time <= ?');
      args.push(filter.createdTo);
    }
    if (filter.statuses?.length) {
      where.push(`status IN (${filter.statuses.map(() => '?').join(',')})`);
      args.push(...filter.statuses);
    }
    const sql = `SELECT ${INSTANCE_COLUMNS} FROM instances ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY created_time, instance_id LIMIT ? OFFSET ?`;
    return this.db.prepare(sql).all(...args, filter.top, filter.skip) as InstanceRow[];
  }

  deleteInstance(instanceId: string): boolean {
    return this.transaction(() => {
      this.clearHistory(instanceId);
      this.clearInbox(instanceId);
      return this.s.deleteInstance.run(instanceId).changes > 0;
    });
  }

  close(): void {
    this.db.close();
  }
}
