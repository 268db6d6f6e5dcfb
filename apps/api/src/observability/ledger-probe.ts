import type Database from 'better-sqlite3';
import { openAuditDatabase } from '#event-store';

/**
 * A connection of its own to the SQLite event store for what operations ask of it: the last signed
 * checkpoint, and whether the store takes writes now. Its own connection, so that a probe never
 * waits behind the server's writer thread's queue, and short busy waits, so it never holds a request.
 */
export class SqliteLedgerProbe {
  private readonly latest: Database.Statement<[], { position: number; signed_at: string }>;

  constructor(private readonly db: Database.Database) {
    this.latest = db.prepare('SELECT position, signed_at FROM checkpoints ORDER BY position DESC LIMIT 1');
  }

  static open(file: string): SqliteLedgerProbe {
    return new SqliteLedgerProbe(openAuditDatabase(file, { busyTimeoutMs: 250 }));
  }

  latestCheckpoint(): { position: number; signedAt: string } | undefined {
    const row = this.latest.get();
    return row && { position: row.position, signedAt: row.signed_at };
  }

  /**
   * Takes the write lock, changes the header's user version to what it is, and rolls back: nothing
   * reaches the file, but a connection SQLite opened read-only (a read-only file system, a file it may
   * not write) fails as a write would. A lock held by the server's own writer (busy) is a store at work.
   */
  writable(): { ok: true } | { ok: false; reason: string } {
    try {
      this.db.exec('BEGIN IMMEDIATE');
      const version = this.db.pragma('user_version', { simple: true }) as number;
      this.db.pragma(`user_version = ${Math.trunc(version)}`);
      this.db.exec('ROLLBACK');
      return { ok: true };
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      const code = (error as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return { ok: true };
      return { ok: false, reason: `${code || 'error'}: ${(error as Error).message}` };
    }
  }

  close(): void {
    this.db.close();
  }
}
