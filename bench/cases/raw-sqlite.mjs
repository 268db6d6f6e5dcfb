// The floor under any SQLite event store: bare better-sqlite3 on the very rows socai stored, in a table
// with socai's columns and indexes, in WAL mode with synchronous=FULL. (Its single-row commits run next
// to the ledger's single commands, in cases/ledger-commands.mjs.)
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { argsOf, report, timed } from '../lib/measure.mjs';
import { storedEvents } from '../lib/socai.mjs';

const args = argsOf();
const batchSize = Number(args.batch ?? 1000);
const events = storedEvents(args.store);

function openBare(file) {
  rmSync(file, { force: true });
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (
    position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
    UNIQUE (stream_id, revision));
    CREATE INDEX events_by_type ON events (type, position);`);
  return db;
}

// Batched: `batchSize` rows per transaction, as the import commits `batchSize` commands per transaction.
const batched = openBare(`${args.dir}/raw-batched.sqlite`);
const insert = batched.prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
const insertBatch = batched.transaction((rows) => {
  for (const row of rows) insert.run(row);
});
const { seconds: batchedSeconds } = await timed(() => {
  for (let i = 0; i < events.length; i += batchSize) insertBatch.immediate(events.slice(i, i + batchSize));
});

// Full scan in position order with JSON.parse of data and metadata: what any replay must at least do.
const { result: scanned, seconds: scanSeconds } = await timed(() => {
  let count = 0;
  for (const row of batched.prepare('SELECT position, event_id, stream_id, revision, type, data, metadata FROM events ORDER BY position').raw(true).iterate()) {
    const data = JSON.parse(row[5]);
    const metadata = JSON.parse(row[6]);
    if (data && metadata) count++;
  }
  return count;
});
batched.close();

report('raw-sqlite', {
  events: events.length,
  batchedEventsPerSecond: events.length / batchedSeconds,
  scanEventsPerSecond: scanned / scanSeconds,
});
