import type Database from 'better-sqlite3';

/** Where a stream stands: the revision of its last event and that event's hash (the next prevHash). */
export interface StreamHead {
  revision: number;
  lastHash: string;
}

/** How an append, inside its transaction, reads and moves the heads of the streams it writes. */
export interface StreamHeads {
  /** The stream's head, undefined for a stream without events. */
  read(streamId: string): StreamHead | undefined;
  write(streamId: string, head: StreamHead): void;
}

interface StreamRow {
  revision: number;
  last_hash: string;
}

export interface StreamHeadStatements {
  selectStream: Database.Statement<[string], StreamRow>;
  upsertStream: Database.Statement<[string, number, string]>;
}

/** One append: reads the `streams` row and writes it back at once. */
export class DirectStreamHeads implements StreamHeads {
  constructor(private readonly statements: StreamHeadStatements) {}

  read(streamId: string): StreamHead | undefined {
    const row = this.statements.selectStream.get(streamId);
    return row && { revision: row.revision, lastHash: row.last_hash };
  }

  write(streamId: string, head: StreamHead): void {
    this.statements.upsertStream.run(streamId, head.revision, head.lastHash);
  }
}

/**
 * A batch of appends in one transaction: each stream's row is read once, kept here while the batch
 * moves it, and written once by `flush` before the commit. A bulk import touches the same employer
 * many times per batch; reading and rewriting its row for every event was a third of the SQL work.
 * Later requests of the batch see the heads earlier ones left, exactly as sequential appends would.
 */
export class BatchStreamHeads implements StreamHeads {
  /** null: looked up, the stream has no events yet. */
  private readonly heads = new Map<string, StreamHead | null>();
  private readonly moved = new Set<string>();
  private readonly direct: DirectStreamHeads;

  constructor(statements: StreamHeadStatements) {
    this.direct = new DirectStreamHeads(statements);
  }

  read(streamId: string): StreamHead | undefined {
    let head = this.heads.get(streamId);
    if (head === undefined) {
      head = this.direct.read(streamId) ?? null;
      this.heads.set(streamId, head);
    }
    return head ?? undefined;
  }

  write(streamId: string, head: StreamHead): void {
    this.heads.set(streamId, head);
    this.moved.add(streamId);
  }

  /** Writes every moved head; must run inside the batch's transaction, after its last append. */
  flush(): void {
    for (const streamId of this.moved) this.direct.write(streamId, this.heads.get(streamId)!);
    this.moved.clear();
  }
}
