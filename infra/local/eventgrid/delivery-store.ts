import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { DeadLetterReason, EventSchema } from './types.js';

/** One (event, subscription) pair still owed a delivery. */
export interface Delivery {
  id: number;
  subscription: string;
  schema: EventSchema;
  eventId: string;
  event: Record<string, unknown>;
  acceptedAt: number;
  /** Attempts made so far; the next one is number `attempts + 1`. */
  attempts: number;
  nextAt: number;
  lastError: string | null;
  lastStatus: number | null;
  /** Set once delivery is given up; only the dead-letter write is still owed. */
  deadLetterReason: DeadLetterReason | null;
}

export type NewDelivery = Pick<Delivery, 'subscription' | 'schema' | 'eventId' | 'event' | 'acceptedAt'>;
export type Outcome = Pick<Delivery, 'attempts' | 'nextAt' | 'lastError' | 'lastStatus' | 'deadLetterReason'>;

export interface DeliveryStore {
  /** All or nothing: a publish request is answered 200 only after this returns. */
  insert(deliveries: NewDelivery[]): void;
  /** Deliveries due at `now`, oldest first, skipping the ones already in flight. */
  due(now: number, limit: number, inFlight: ReadonlySet<number>): Delivery[];
  /** When the earliest delivery not in flight falls due, if any. */
  nextDueAt(inFlight: ReadonlySet<number>): number | undefined;
  update(id: number, outcome: Outcome): void;
  remove(id: number): void;
  close(): void;
}

interface Row {
  id: number;
  subscription: string;
  schema: EventSchema;
  event_id: string;
  event: string;
  accepted_at: number;
  attempts: number;
  next_at: number;
  last_error: string | null;
  last_status: number | null;
  dead_letter_reason: DeadLetterReason | null;
}

/** Opens (or creates) the SQLite store; several topics may share one file, each sees only its rows. */
export function openDeliveryStore(path: string, topic: string): DeliveryStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // NORMAL, except for inserts: in WAL mode every commit survives the process crashing, and only an OS crash (or power
  // loss) can take back the last ones. An insert is what a publisher's 200 promises, as Azure's does, so it alone is
  // committed with FULL (an fsync of the log, which also makes every earlier commit durable). A delivery's progress
  // (attempts, removal once delivered) lost that way only means the delivery is made again: Event Grid delivers at
  // least once, and subscribers take duplicates (the starter's instance id is the submission's). This takes the
  // fsyncs of update and remove off the host's one thread.
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE IF NOT EXISTS eventgrid_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    topic TEXT NOT NULL,
    subscription TEXT NOT NULL,
    schema TEXT NOT NULL,
    event_id TEXT NOT NULL,
    event TEXT NOT NULL,
    accepted_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at INTEGER NOT NULL,
    last_error TEXT,
    last_status INTEGER,
    dead_letter_reason TEXT
  );
  CREATE INDEX IF NOT EXISTS eventgrid_deliveries_due ON eventgrid_deliveries (topic, next_at);`);

  const insertOne = db.prepare(
    `INSERT INTO eventgrid_deliveries (topic, subscription, schema, event_id, event, accepted_at, next_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAll = db.transaction((deliveries: NewDelivery[]) => {
    for (const d of deliveries) {
      insertOne.run(topic, d.subscription, d.schema, d.eventId, JSON.stringify(d.event), d.acceptedAt, d.acceptedAt);
    }
  });
  const selectDue = db.prepare('SELECT * FROM eventgrid_deliveries WHERE topic = ? AND next_at <= ? ORDER BY next_at, id LIMIT ?');
  const selectNext = db.prepare('SELECT id, next_at FROM eventgrid_deliveries WHERE topic = ? ORDER BY next_at, id LIMIT ?');
  const updateOne = db.prepare(
    `UPDATE eventgrid_deliveries SET attempts = ?, next_at = ?, last_error = ?, last_status = ?, dead_letter_reason = ?
     WHERE id = ?`,
  );
  const removeOne = db.prepare('DELETE FROM eventgrid_deliveries WHERE id = ?');

  return {
    insert(deliveries) {
      db.pragma('synchronous = FULL');
      try {
        insertAll(deliveries);
      } finally {
        db.pragma('synchronous = NORMAL');
      }
    },
    due(now, limit, inFlight) {
      const rows = selectDue.all(topic, now, limit + inFlight.size) as Row[];
      return rows
        .filter((r) => !inFlight.has(r.id))
        .slice(0, limit)
        .map(toDelivery);
    },
    nextDueAt(inFlight) {
      // Fetch one more than is in flight: at least one row in the result is then not in flight.
      const rows = selectNext.all(topic, inFlight.size + 1) as Pick<Row, 'id' | 'next_at'>[];
      return rows.find((r) => !inFlight.has(r.id))?.next_at;
    },
    update(id, o) {
      updateOne.run(o.attempts, o.nextAt, o.lastError, o.lastStatus, o.deadLetterReason, id);
    },
    remove: (id) => void removeOne.run(id),
    close: () => db.close(),
  };
}

function toDelivery(r: Row): Delivery {
  return {
    id: r.id,
    subscription: r.subscription,
    schema: r.schema,
    eventId: r.event_id,
    event: JSON.parse(r.event) as Record<string, unknown>,
    acceptedAt: r.accepted_at,
    attempts: r.attempts,
    nextAt: r.next_at,
    lastError: r.last_error,
    lastStatus: r.last_status,
    deadLetterReason: r.dead_letter_reason,
  };
}
