import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Rows per second committed one per transaction (BEGIN IMMEDIATE … COMMIT, WAL, synchronous=FULL) into a
 * bare table with socai's indexes, for `seconds`, using stored events of `storeFile` as the rows.
 */
export function rawSingleRowRate(file, storeFile, seconds) {
  const source = new Database(storeFile, { readonly: true });
  const rows = source.prepare('SELECT event_id, stream_id, revision, type, data, metadata FROM events ORDER BY position LIMIT 20000').raw(true).all();
  source.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (
    position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
    UNIQUE (stream_id, revision));
    CREATE INDEX events_by_type ON events (type, position);`);
  const insert = db.prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
  const one = db.transaction((row) => insert.run(row));
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  let count = 0;
  while (count < rows.length && process.hrtime.bigint() < deadline) one.immediate(rows[count++]);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  return count / elapsed;
}
