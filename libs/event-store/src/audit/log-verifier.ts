import { hash as oneShotHash, type KeyObject } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { computeEventHash, GENESIS_HASH, type HashableEvent } from '../hash-chain.js';
import { inReadSnapshot, rawEventRows, type RawEventRow } from './audit-database.js';
import { checkpointSignatureValid, type Checkpoint } from './checkpoint.js';
import { CheckpointStore } from './checkpoint-store.js';
import { GENESIS_DIGEST, nextDigest } from './running-digest.js';

/** What `socai verify` and `GET /api/audit/verify` answer. */
export interface VerifyReport {
  ok: boolean;
  eventsChecked: number;
  checkpointsChecked: number;
  /** The first position where the log stops being what was recorded (or the checkpoint that shows it). */
  firstBadPosition?: number;
  streamId?: string;
  reason?: string;
}

export interface VerifyOptions {
  /** The Ed25519 key the checkpoints must be signed with; required once any checkpoint exists. */
  publicKey?: KeyObject;
  /** Let other work run every this many events (the HTTP server); 0 or undefined never yields. */
  yieldEvery?: number;
}

interface Failure {
  position?: number;
  streamId?: string;
  reason: string;
  /** A missing position names no stream; the scan goes on to find the stream whose chain it broke. */
  lookForStream?: boolean;
}

interface StreamTip {
  revision: number;
  hash: string;
  position: number;
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Recomputes the whole log from the stored rows, in one read snapshot:
 *  - positions run 1, 2, 3… with no gap (the SQLite store never skips one);
 *  - each event's hash matches its stored content (the stored form: upcasting never enters here);
 *  - in each stream, revisions run from 0 and prevHash is the previous event's hash (GENESIS first);
 *  - the running digest at each checkpoint equals the signed one, and each signature verifies;
 *  - no checkpoint lies beyond the log, and the `streams` table agrees with the tip of every stream.
 * It stops at the first failure (after naming the stream, for a missing position).
 */
export async function verifyEventLog(db: Database.Database, options: VerifyOptions = {}): Promise<VerifyReport> {
  return inReadSnapshot(db, () => verifySnapshot(db, options));
}

async function verifySnapshot(db: Database.Database, options: VerifyOptions): Promise<VerifyReport> {
  const checkpoints = new CheckpointStore(db).list();
  const tips = new Map<string, StreamTip>();
  let failure: Failure | undefined;
  let eventsChecked = 0;
  let checkpointsChecked = 0;
  let digest = GENESIS_DIGEST;
  let expectedPosition = 1;
  let nextCheckpoint = 0;

  const fail = (found: Failure): boolean => {
    if (!failure) failure = found;
    else if (failure.streamId === undefined && found.streamId !== undefined) failure.streamId = found.streamId;
    return failure.streamId !== undefined || !failure.lookForStream;
  };
  const checkCheckpoint = (checkpoint: Checkpoint): Failure | undefined => {
    checkpointsChecked++;
    const at = checkpoint.position;
    if (!options.publicKey) return { position: at, reason: `checkpoint at ${at}: no public key to check its signature` };
    if (!checkpointSignatureValid(checkpoint, options.publicKey)) {
      return { position: at, reason: `checkpoint at ${at}: the signature does not verify with the public key (key ${checkpoint.keyId})` };
    }
    if (checkpoint.digest !== digest) {
      // The previous checkpoint matched, or the scan would have stopped there.
      const after = checkpoints[nextCheckpoint - 2]?.position ?? 0;
      return { position: at, reason: `checkpoint at ${at}: the log's digest differs from the signed one; an event after position ${after} and up to ${at} was changed, removed or reordered` };
    }
    return undefined;
  };

  for (const row of rawEventRows(db)) {
    const [position, eventId, streamId, revision] = row;
    eventsChecked++;
    if (options.yieldEvery && eventsChecked % options.yieldEvery === 0) await yieldToEventLoop();
    if (position !== expectedPosition) {
      const missing = expectedPosition;
      if (fail({ position: missing, reason: `the event at position ${missing}${position > missing + 1 ? `..${position - 1}` : ''} is missing`, lookForStream: true })) break;
    }
    expectedPosition = position + 1;

    const hashes = checkedHashes(row);
    if ('reason' in hashes) {
      if (fail({ position, streamId, reason: `event ${eventId} (${streamId} revision ${revision}): ${hashes.reason}` })) break;
      continue;
    }
    const tip = tips.get(streamId);
    const wantedRevision = tip ? tip.revision + 1 : 0;
    if (revision !== wantedRevision) {
      const reason = `event ${eventId}: ${streamId} revision ${revision} where ${wantedRevision} was expected (an event is missing or out of order)`;
      if (fail({ position, streamId, reason })) break;
    } else if (hashes.prevHash !== (tip ? tip.hash : GENESIS_HASH)) {
      const reason = `event ${eventId}: prevHash is not the hash of ${tip ? `revision ${tip.revision}` : 'GENESIS'} of ${streamId}`;
      if (fail({ position, streamId, reason })) break;
    }
    tips.set(streamId, { revision, hash: hashes.hash, position });
    digest = nextDigest(digest, hashes.hash);

    while (nextCheckpoint < checkpoints.length && checkpoints[nextCheckpoint]!.position <= position) {
      const checkpoint = checkpoints[nextCheckpoint]!;
      nextCheckpoint++;
      const problem = checkpoint.position === position
        ? checkCheckpoint(checkpoint)
        : { position: checkpoint.position, reason: `checkpoint at ${checkpoint.position} names a missing event` };
      if (problem && fail(problem)) break;
    }
    if (failure && (failure.streamId !== undefined || !failure.lookForStream)) break;
  }

  if (!failure && nextCheckpoint < checkpoints.length) {
    const beyond = checkpoints[nextCheckpoint]!;
    failure = { position: beyond.position, reason: `checkpoint at ${beyond.position} lies beyond the last event (${expectedPosition - 1}): events were removed from the end of the log` };
  }
  if (!failure || (failure.lookForStream && failure.streamId === undefined)) {
    const mismatch = compareStreamTable(db, tips, expectedPosition);
    if (mismatch) fail(mismatch);
  }

  const report: VerifyReport = { ok: failure === undefined, eventsChecked, checkpointsChecked };
  if (failure) {
    if (failure.position !== undefined) report.firstBadPosition = failure.position;
    if (failure.streamId !== undefined) report.streamId = failure.streamId;
    report.reason = failure.reason;
  }
  return report;
}

/**
 * The event's stored hash and prevHash once its hash is confirmed. The fast path hashes the stored
 * canonical texts directly; if they are not byte-canonical it falls back to parsing them, since the hash
 * is defined over the canonical form of the values (docs/audit.md), as an auditor's tool computes it.
 */
function checkedHashes(row: RawEventRow): { hash: string; prevHash: string } | { reason: string } {
  const [, eventId, streamId, revision, type, data, metadata] = row;
  const hashAt = memberAt(metadata, 'hash');
  const prevAt = memberAt(metadata, 'prevHash');
  if (hashAt >= 0 && prevAt >= 0) {
    const hash = metadata.slice(hashAt + 8, hashAt + 72);
    const prevHash = metadata.slice(prevAt + 12, prevAt + 76);
    if (HEX64.test(hash) && HEX64.test(prevHash) && metadata[hashAt + 72] === '"') {
      // Removing `"hash":"…"` and one adjacent comma gives the metadata text the hash covers.
      const withoutHash = metadata[hashAt - 1] === ','
        ? metadata.slice(0, hashAt - 1) + metadata.slice(hashAt + 73)
        : metadata.slice(0, hashAt) + metadata.slice(hashAt + 74);
      const text = `{"data":${data},"eventId":${JSON.stringify(eventId)},"metadata":${withoutHash},"revision":${revision},"streamId":${JSON.stringify(streamId)},"type":${JSON.stringify(type)}}`;
      if (sha256Hex(text) === hash) return { hash, prevHash };
    }
  }
  let parsed: HashableEvent;
  try {
    parsed = { eventId, type, streamId, revision, data: JSON.parse(data), metadata: JSON.parse(metadata) };
  } catch {
    return { reason: 'its stored data or metadata is not valid JSON' };
  }
  const { hash, prevHash } = parsed.metadata as { hash?: unknown; prevHash?: unknown };
  if (typeof hash !== 'string' || typeof prevHash !== 'string') return { reason: 'its metadata lacks hash or prevHash' };
  if (computeEventHash(parsed) !== hash) return { reason: 'its content does not match its hash (edited after it was recorded)' };
  return { hash, prevHash };
}

/** Index of the top-level member `"name":"` in a canonical metadata text (first member or after a comma), or -1. */
function memberAt(metadata: string, name: string): number {
  const needle = `"${name}":"`;
  let at = metadata.indexOf(needle);
  while (at >= 0 && metadata[at - 1] !== ',' && metadata[at - 1] !== '{') at = metadata.indexOf(needle, at + 1);
  return at;
}

function sha256Hex(text: string): string {
  return oneShotHash('sha256', text, 'hex');
}

/**
 * The `streams` table must end every stream where the log does: a stream's removed last event shows
 * here. Without a gap in positions, the removed event was the last of the log, at `endPosition`.
 */
function compareStreamTable(db: Database.Database, tips: Map<string, StreamTip>, endPosition: number): Failure | undefined {
  const seen = new Set<string>();
  const rows = db.prepare<[], [string, number, string]>('SELECT stream_id, revision, last_hash FROM streams ORDER BY stream_id').raw(true);
  for (const [streamId, revision, lastHash] of rows.iterate()) {
    seen.add(streamId);
    const tip = tips.get(streamId);
    if (!tip || tip.revision !== revision || tip.hash !== lastHash) {
      const found = tip ? `revision ${tip.revision}` : 'no event';
      return { position: endPosition, streamId, reason: `${streamId}: the store recorded its last revision as ${revision} but the log holds ${found} (events were removed or replaced)` };
    }
  }
  for (const [streamId, tip] of tips) {
    if (!seen.has(streamId)) return { position: tip.position, streamId, reason: `${streamId} is in the log but not in the store's stream table` };
  }
  return undefined;
}
