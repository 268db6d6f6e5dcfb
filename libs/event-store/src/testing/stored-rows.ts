import Database from 'better-sqlite3';

/**
 * Every row an SQLite event-store file holds (events, stream heads, command keys) in a stable order,
 * to compare two files written by different paths: they must be identical row for row.
 */
export function storedRows(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    return {
      events: db.prepare('SELECT * FROM events ORDER BY position').all(),
      streams: db.prepare('SELECT * FROM streams ORDER BY stream_id').all(),
      keys: db.prepare('SELECT * FROM command_keys ORDER BY command_key').all(),
    };
  } finally {
    db.close();
  }
}
