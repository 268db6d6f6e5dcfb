import type Database from 'better-sqlite3';

/** Where a stream's last event in the log is. */
export interface StreamEnd extends StreamTip {
  position: number;
}

/** A stream's last revision and hash: what the `streams` table must hold for it. */
export interface StreamTip {
  revision: number;
  hash: string;
}

/** A finding as the verifier reports it. */
export interface StreamTableMismatch {
  position: number;
  streamId: string;
  reason: string;
}

/**
 * The `streams` table must end every stream where the log does: a stream's removed last event shows
 * here. Without a gap in positions, the removed event was the last of the log, at `endPosition`.
 */
export function compareStreamTable(db: Database.Database, ends: Map<string, StreamEnd>, endPosition: number): StreamTableMismatch | undefined {
  const seen = new Set<string>();
  const rows = db.prepare<[], [string, number, string]>('SELECT stream_id, revision, last_hash FROM streams ORDER BY stream_id').raw(true);
  for (const [streamId, revision, lastHash] of rows.iterate()) {
    seen.add(streamId);
    const end = ends.get(streamId);
    if (!end || end.revision !== revision || end.hash !== lastHash) {
      const found = end ? `revision ${end.revision}` : 'no event';
      return { position: endPosition, streamId, reason: `${streamId}: the store recorded its last revision as ${revision} but the log holds ${found} (events were removed or replaced)` };
    }
  }
  for (const [streamId, end] of ends) {
    if (!seen.has(streamId)) return { position: end.position, streamId, reason: `${streamId} is in the log but not in the store's stream table` };
  }
  return undefined;
}

/** The `streams` table as rows of streamId, revision, last hash. */
export function readStreamTable(db: Database.Database): [streamId: string, revision: number, lastHash: string][] {
  return db.prepare<[], [string, number, string]>('SELECT stream_id, revision, last_hash FROM streams').raw(true).all();
}

/** True when the table ends every stream exactly where the log does (compareStreamTable names the first that does not). */
export function streamTableMatches(table: [string, number, string][], ends: ReadonlyMap<string, StreamTip>): boolean {
  // Stream ids are the table's key: every row matching an end, and as many rows as ends, is a match both ways.
  if (table.length !== ends.size) return false;
  for (const [streamId, revision, lastHash] of table) {
    const end = ends.get(streamId);
    if (!end || end.revision !== revision || end.hash !== lastHash) return false;
  }
  return true;
}
