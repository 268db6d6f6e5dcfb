import type Database from 'better-sqlite3';

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many have run. Never edit a
 * migration that has shipped: add the next one instead.
 */
const migrations: readonly string[] = [
  `
  CREATE TABLE events (
    position   INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id   TEXT    NOT NULL UNIQUE,
    stream_id  TEXT    NOT NULL,
    revision   INTEGER NOT NULL,
    type       TEXT    NOT NULL,
    data       TEXT    NOT NULL,
    metadata   TEXT    NOT NULL,
    UNIQUE (stream_id, revision)
  );
  CREATE INDEX events_by_type ON events (type, position);
  CREATE TABLE streams (
    stream_id  TEXT    PRIMARY KEY,
    revision   INTEGER NOT NULL,
    last_hash  TEXT    NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE command_keys (
    command_key  TEXT    PRIMARY KEY,
    content_hash TEXT    NOT NULL,
    event_id     TEXT    NOT NULL REFERENCES events (event_id),
    stream_id    TEXT    NOT NULL,
    revision     INTEGER NOT NULL,
    position     INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // 2: signed checkpoints over the global log (libs/event-store/src/audit/checkpoint.ts, docs/audit.md).
  // Kept in the event store's own file so that a copy or an export of the log carries them.
  `
  CREATE TABLE checkpoints (
    position   INTEGER PRIMARY KEY,
    digest     TEXT    NOT NULL,
    signed_at  TEXT    NOT NULL,
    signature  TEXT    NOT NULL,
    key_id     TEXT    NOT NULL
  );
  `,
  // 3: decision-state snapshots (libs/ledger/src/states/snapshot-codec.ts, docs/decisions.md). Not part of
  // the log: no hash covers them, `socai verify` and the exports ignore them, and deleting every row
  // only makes the next loads read whole streams. A row at `revision` holds the state folded from the
  // stream's events 0..revision, which never change; `format` names the codec that wrote it. A rowid
  // table, not WITHOUT ROWID: a state of a few KB fits one table page, where an index B-tree keeps ~1 KB
  // of a row in place and the rest in overflow pages, rewritten at every update.
  `
  CREATE TABLE state_snapshots (
    id         INTEGER PRIMARY KEY,
    stream_id  TEXT    NOT NULL UNIQUE,
    revision   INTEGER NOT NULL,
    format     INTEGER NOT NULL,
    state      TEXT    NOT NULL
  );
  `,
];

export const SCHEMA_VERSION = migrations.length;

/**
 * Brings the file up to SCHEMA_VERSION. The check and the migrations run under one write lock, so two
 * processes opening a new file at the same time migrate it once.
 */
export function migrate(db: Database.Database): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(`event store schema version ${version} is newer than this program's ${SCHEMA_VERSION}`);
    }
    for (let next = version; next < SCHEMA_VERSION; next++) db.exec(migrations[next]!);
    if (version !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
