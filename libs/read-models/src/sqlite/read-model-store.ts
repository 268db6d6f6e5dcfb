import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { READ_MODEL_TABLES, SCHEMA_SQL } from './schema.js';

/**
 * The read models' own SQLite file, separate from the event log so that a rebuild can drop it
 * without touching a single recorded fact. WAL lets queries read while the projector writes;
 * synchronous=FULL makes a committed batch and its checkpoint survive a power cut together.
 */
export class ReadModelStore {
  private constructor(readonly db: Database.Database) {}

  /** Opens (creating if needed) the read-model file; `:memory:` gives a throwaway store for tests. */
  static open(file: string): ReadModelStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA_SQL);
    return new ReadModelStore(db);
  }

  /** The position of the last event whose effect the read models hold; 0 before the first. */
  checkpoint(): number {
    const row = this.db.prepare('SELECT position FROM checkpoint WHERE id = 1').get() as { position: number };
    return row.position;
  }

  setCheckpoint(position: number): void {
    this.db.prepare('UPDATE checkpoint SET position = ? WHERE id = 1').run(position);
  }

  /** Runs `work` in one transaction: all of it is committed, or none of it. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Drops every read model and its checkpoint, leaving empty tables at position 0. */
  reset(): void {
    this.transaction(() => {
      for (const table of READ_MODEL_TABLES) this.db.exec(`DROP TABLE IF EXISTS ${table}`);
      this.db.exec(SCHEMA_SQL);
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
