import type { Position } from '@eventstore/db-client';
import type { LogPosition } from '../event-store.port.js';

/**
 * The port numbers the global log with one integer; EventStoreDB gives each event of `$all` a pair
 * `{commit, prepare}` of byte offsets in its transaction log. For events written by ordinary appends
 * (the only kind gRPC clients can write: explicit transactions are gone), the server reports commit =
 * prepare = the offset of the event's own record, even when one append writes several events — so the
 * commit position alone is unique, increases in `$all` order, and is the port's `LogPosition`.
 *
 * Offsets are bytes: 2^53 of them is 8 PiB of transaction log, far beyond any ledger this program
 * keeps, so the number is exact; a larger offset is refused rather than rounded. Position 0 is the
 * server's first record (its epoch), never a ledger event, which keeps the port's "0 = before the first
 * event" meaning.
 */
export function toLogPosition(position: Position): LogPosition {
  const commit = Number(position.commit);
  if (!Number.isSafeInteger(commit) || BigInt(commit) !== position.commit) {
    throw new RangeError(`EventStoreDB commit position ${position.commit} does not fit the port's LogPosition`);
  }
  return commit;
}

/** The server position of a ledger event's LogPosition (commit = prepare, as explained above). */
export function toEsdbPosition(position: LogPosition): Position {
  if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`invalid log position ${position}`);
  return { commit: BigInt(position), prepare: BigInt(position) };
}

/**
 * Stream reads may carry no position: servers that read a stream from its index, not from the log,
 * send none or 2^64 − 1 for "unknown". Only a real offset counts.
 */
export function knownPosition(position: Position | undefined): Position | undefined {
  if (!position) return undefined;
  const unknown = 0xffffffffffffffffn;
  if (position.commit === unknown || position.prepare === unknown || position.commit < 0n) return undefined;
  return position;
}

/**
 * Where to start reading `$all` for "events at position ≥ from". The server only accepts offsets that
 * begin a record, and callers pass either an event's position or one past it (`last.position + 1`, as
 * iterate-all and the projector do). `isEventPosition` says which offsets this process has seen as
 * event positions; the answer lists the offsets to try in order, reading from each and skipping events
 * before `from`.
 */
export function readStartCandidates(from: LogPosition, isEventPosition: (position: LogPosition) => boolean): LogPosition[] {
  if (from <= 1) return [0];
  if (isEventPosition(from)) return [from];
  if (isEventPosition(from - 1)) return [from - 1];
  return [from, from - 1, 0];
}
