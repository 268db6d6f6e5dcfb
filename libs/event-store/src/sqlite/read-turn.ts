import type Database from 'better-sqlite3';

/**
 * One read transaction for the reads of one turn of the event loop, on a connection that does not
 * write (the store's own, where a writer thread writes on a connection of its own).
 *
 * A read outside a transaction runs in one of its own, and in WAL mode a transaction that finds the
 * log changed since the connection's previous one drops its whole page cache. While the writer
 * thread commits every few milliseconds, the cold loads of one group's commands (a key, a snapshot,
 * a stream's tail each) read the upper pages of three B-trees again and again; in one transaction
 * they read them once (docs/benchmarks.md, 'cold commands: one read turn').
 *
 * What a turn reads is the log as of its first read, like any transaction. It never outlives its
 * turn (it ends at the next `setImmediate`), and it ends at once before this connection writes and
 * when an append on the writer thread is answered, so that the appending caller, resuming, reads
 * its own commit: the store's promise (writer-thread.ts) holds. Another process's commit made
 * during a turn is seen from the next turn on; deciding on it is safe for the same reason as
 * deciding on any read: the append's expected revision and key claim are checked in the writer's
 * own transaction, and a conflict makes the command decide again.
 */
export class ReadTurn {
  private readonly begin;
  private readonly commit;
  private open = false;
  private ending: NodeJS.Immediate | undefined;

  constructor(private readonly db: Database.Database) {
    this.begin = db.prepare('BEGIN DEFERRED');
    this.commit = db.prepare('COMMIT');
  }

  /** Opens a read transaction for the rest of this turn, unless one (or any transaction) is open. */
  start(): void {
    if (this.open || this.db.inTransaction) return;
    this.begin.run();
    this.open = true;
    this.ending = setImmediate(() => this.end());
  }

  /** Ends the turn's transaction now, if one is open. */
  end(): void {
    if (!this.open) return;
    this.open = false;
    if (this.ending) clearImmediate(this.ending);
    this.ending = undefined;
    if (this.db.open && this.db.inTransaction) this.commit.run();
  }

  /** Ends the turn as soon as `write` is answered, before whoever awaits it resumes. */
  async endAfter<T>(write: Promise<T>): Promise<T> {
    try {
      return await write;
    } finally {
      this.end();
    }
  }
}
