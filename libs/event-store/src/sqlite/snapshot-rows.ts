import type Database from 'better-sqlite3';
import type { StateSnapshot } from '../event-store.port.js';

/**
 * Decision-state snapshots waiting to be written (`SqliteEventStore.saveSnapshots`): the newest of each
 * stream. They ride along the next append's transaction (written before its COMMIT, so they cost no
 * fsync of their own); past `limit` streams, or when the store closes, they are written on their own.
 */
export class PendingSnapshots {
  private readonly byStream = new Map<string, StateSnapshot>();

  constructor(readonly limit: number) {}

  get size(): number {
    return this.byStream.size;
  }

  /** Keeps `snapshot` unless a newer one of its stream and format waits already; answers whether the queue is full. */
  add(snapshot: StateSnapshot): boolean {
    const waiting = this.byStream.get(snapshot.streamId);
    if (!waiting || waiting.format !== snapshot.format || waiting.revision < snapshot.revision) this.byStream.set(snapshot.streamId, snapshot);
    return this.byStream.size >= this.limit;
  }

  /** A snapshot not written yet: a state evicted and loaded again before the next commit. */
  get(streamId: string): StateSnapshot | undefined {
    return this.byStream.get(streamId);
  }

  streams(): IterableIterator<string> {
    return this.byStream.keys();
  }

  /** Every waiting snapshot, for the transaction that writes them; the queue is then empty. */
  take(): StateSnapshot[] | undefined {
    if (this.byStream.size === 0) return undefined;
    const taken = [...this.byStream.values()];
    this.byStream.clear();
    return taken;
  }
}

interface SnapshotRow {
  revision: number;
  format: number;
  state: string;
}

/** The statements over `state_snapshots` (schema.ts, migration 3). */
export class SnapshotTable {
  private readonly select;
  private readonly listStreams;
  private readonly upsert;
  /** Inside the caller's transaction, as a savepoint: a failure loses the snapshots, never the append. */
  private readonly writeAll;

  constructor(db: Database.Database) {
    this.select = db.prepare<[string], SnapshotRow>('SELECT revision, format, state FROM state_snapshots WHERE stream_id = ?');
    this.listStreams = db.prepare<[], { stream_id: string }>('SELECT stream_id FROM state_snapshots');
    // A snapshot replaces an older one of its stream, or one of another format (a program upgraded or
    // downgraded writes what it can read); never a newer one of the same format.
    this.upsert = db.prepare<[string, number, number, string]>(
      `INSERT INTO state_snapshots (stream_id, revision, format, state) VALUES (?, ?, ?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, format = excluded.format, state = excluded.state
       WHERE excluded.revision > state_snapshots.revision OR excluded.format <> state_snapshots.format`,
    );
    this.writeAll = db.transaction((snapshots: readonly StateSnapshot[]) => {
      for (const { streamId, revision, format, state } of snapshots) this.upsert.run(streamId, revision, format, state);
    });
  }

  streams(): string[] {
    return this.listStreams.all().map((row) => row.stream_id);
  }

  read(streamId: string): StateSnapshot | undefined {
    const row = this.select.get(streamId);
    return row && { streamId, revision: row.revision, format: row.format, state: row.state };
  }

  /** Writes `snapshots` in the transaction under way (or one of its own); what fails is dropped. */
  write(snapshots: readonly StateSnapshot[] | undefined): void {
    if (!snapshots || snapshots.length === 0) return;
    try {
      this.writeAll(snapshots);
    } catch {
      // A lost snapshot only costs a longer read; the append it rode with must commit all the same.
    }
  }

  /** Writes `snapshots` in a transaction of their own, not synced (see SqliteEventStore.writeSnapshotsSync). */
  writeAlone(snapshots: readonly StateSnapshot[]): void {
    this.writeAll.immediate(snapshots);
  }
}
