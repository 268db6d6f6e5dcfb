import type Database from 'better-sqlite3';
import type { Checkpoint } from '../../audit/checkpoint.js';
import { openAuditDatabase } from './audit-database.js';

interface CheckpointRow {
  position: number;
  digest: string;
  signed_at: string;
  signature: string;
  key_id: string;
}

/**
 * The `checkpoints` table of the event-store file. Checkpoints only move forward: one is appended only
 * if it lies after the last one and within the log, checked under the file's write lock.
 */
export class CheckpointStore {
  private readonly statements;
  private readonly appendTransaction;

  constructor(private readonly db: Database.Database, private readonly ownsConnection = false) {
    this.statements = {
      latest: db.prepare<[], CheckpointRow>('SELECT * FROM checkpoints ORDER BY position DESC LIMIT 1'),
      page: db.prepare<[number, number], CheckpointRow>('SELECT * FROM checkpoints WHERE position >= ? ORDER BY position LIMIT ?'),
      count: db.prepare<[], { count: number }>('SELECT count(*) AS count FROM checkpoints'),
      insert: db.prepare<[number, string, string, string, string]>(
        'INSERT INTO checkpoints (position, digest, signed_at, signature, key_id) VALUES (?, ?, ?, ?, ?)',
      ),
      head: db.prepare<[], { head: number }>('SELECT coalesce(max(position), 0) AS head FROM events'),
      // json_extract runs in SQLite's C code: folding the hashes of new events costs no JSON parsing here.
      hashes: db
        .prepare<[number, number], [number, string]>(
          "SELECT position, json_extract(metadata, '$.hash') FROM events WHERE position > ? ORDER BY position LIMIT ?",
        )
        .raw(true),
    };
    this.appendTransaction = db.transaction((checkpoint: Checkpoint): boolean => {
      const last = this.statements.latest.get();
      if (last && last.position >= checkpoint.position) return false;
      if (checkpoint.position > this.statements.head.get()!.head) return false;
      const { position, digest, signedAt, signature, keyId } = checkpoint;
      this.statements.insert.run(position, digest, signedAt, signature, keyId);
      return true;
    });
  }

  /** Opens a connection of its own to the event-store file. */
  static open(file: string): CheckpointStore {
    return new CheckpointStore(openAuditDatabase(file), true);
  }

  /** Appends `checkpoint`; false (nothing written) if it does not lie after the last one and within the log. */
  append(checkpoint: Checkpoint): boolean {
    return this.appendTransaction.immediate(checkpoint);
  }

  latest(): Checkpoint | undefined {
    const row = this.statements.latest.get();
    return row && toCheckpoint(row);
  }

  /** Checkpoints with position ≥ fromPosition, in order; a negative limit reads them all. */
  list(options: { fromPosition?: number; limit?: number } = {}): Checkpoint[] {
    return this.statements.page.all(options.fromPosition ?? 0, options.limit ?? -1).map(toCheckpoint);
  }

  count(): number {
    return this.statements.count.get()!.count;
  }

  headPosition(): number {
    return this.statements.head.get()!.head;
  }

  /** The stored hashes of the events after `afterPosition`, at most `limit` of them, in order. */
  eventHashes(afterPosition: number, limit: number): [position: number, hash: string][] {
    return this.statements.hashes.all(afterPosition, limit);
  }

  close(): void {
    if (this.ownsConnection && this.db.open) this.db.close();
  }
}

function toCheckpoint(row: CheckpointRow): Checkpoint {
  return { position: row.position, digest: row.digest, signedAt: row.signed_at, signature: row.signature, keyId: row.key_id };
}
