import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { availableParallelism } from 'node:os';
import type Database from 'better-sqlite3';
import { GENESIS_HASH } from '../../hash-chain.js';
import type { LedgerVerifyOptions, VerifyReport } from '../../ledger-verifier.port.js';
import { inReadSnapshot, rawEventRows } from './audit-database.js';
import { checkpointSignatureValid, type Checkpoint } from '../../audit/checkpoint.js';
import { CheckpointStore } from './checkpoint-store.js';
import { inThisThread, inThreadPool, workerThreadsAvailable } from './range-runners.js';
import { intactByRanges } from './ranged-verify.js';
import { GENESIS_DIGEST, nextDigest } from '../../audit/running-digest.js';
import { confirmStoredHashes, type ConfirmedHashes } from './stored-hashes.js';
import { compareStreamTable, type StreamEnd } from './stream-table.js';
import { VERIFY_MAX_THREADS, VERIFY_MIN_EVENTS_FOR_THREADS, VERIFY_SLICES_PER_THREAD as SLICES_PER_THREAD } from '#runtime/tunables';

export interface VerifyOptions extends LedgerVerifyOptions {
  /**
   * Threads that check slices of the log at once (ranged-verify.ts): this one and worker threads, or
   * worker threads only when this one must keep yielding. Default: one per core, at most four, where the
   * compiled worker exists (not under jest, which runs the source). 0: one pass here.
   */
  workers?: number;
  /** Smaller logs take the single pass, which is quicker than starting threads (default 50,000 events; a thread's start-up cost: docs/benchmarks.md, 'verify threads'). */
  minEventsForWorkers?: number;
}

interface Failure {
  position?: number;
  streamId?: string;
  reason: string;
  /** A missing position names no stream; the scan goes on to find the stream whose chain it broke. */
  lookForStream?: boolean;
}


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
  return inReadSnapshot(db, async () => (await verifyInSlices(db, options)) ?? verifySnapshot(db, options));
}

/**
 * The parallel check of an intact log: its report, or undefined when the log is small, the threads are
 * unavailable, or anything is wrong, so that the single pass below gives the findings, exactly as ever.
 */
async function verifyInSlices(db: Database.Database, options: VerifyOptions): Promise<VerifyReport | undefined> {
  const workers = options.workers ?? (workerThreadsAvailable() ? Math.min(availableParallelism(), VERIFY_MAX_THREADS) : 0);
  if (workers < 1 || db.memory) return undefined;
  const head = db.prepare<[], [number | null]>('SELECT max(position) FROM events').raw(true).get()![0] ?? 0;
  if (head < (options.minEventsForWorkers ?? VERIFY_MIN_EVENTS_FOR_THREADS)) return undefined;
  const checkpoints = new CheckpointStore(db).list();
  // This thread checks slices too unless it serves requests meanwhile (yieldEvery): it would block them.
  const hereToo = !(options.yieldEvery && options.yieldEvery > 0);
  const runRange = workerThreadsAvailable() ? inThreadPool(workers, hereToo) : inThisThread;
  const slices = workers * SLICES_PER_THREAD;
  const eventsChecked = await intactByRanges({ db, file: db.name, head, checkpoints, publicKey: options.publicKey, slices, runRange });
  return eventsChecked === undefined ? undefined : { ok: true, eventsChecked, checkpointsChecked: checkpoints.length };
}

async function verifySnapshot(db: Database.Database, options: VerifyOptions): Promise<VerifyReport> {
  const checkpoints = new CheckpointStore(db).list();
  const tips = new Map<string, StreamEnd>();
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

  const yieldEvery = options.yieldEvery ?? 0;
  const hashes: ConfirmedHashes = { hash: '', prevHash: '' };
  for (const row of rawEventRows(db)) {
    const position = row[0];
    const streamId = row[2];
    const revision = row[3];
    eventsChecked++;
    if (yieldEvery > 0 && eventsChecked % yieldEvery === 0) await yieldToEventLoop();
    if (position !== expectedPosition) {
      const missing = expectedPosition;
      if (fail({ position: missing, reason: `the event at position ${missing}${position > missing + 1 ? `..${position - 1}` : ''} is missing`, lookForStream: true })) break;
    }
    expectedPosition = position + 1;

    const unconfirmed = confirmStoredHashes(row, hashes);
    if (unconfirmed !== undefined) {
      if (fail({ position, streamId, reason: `event ${row[1]} (${streamId} revision ${revision}): ${unconfirmed}` })) break;
      continue;
    }
    const tip = tips.get(streamId);
    const wantedRevision = tip ? tip.revision + 1 : 0;
    if (revision !== wantedRevision) {
      const reason = `event ${row[1]}: ${streamId} revision ${revision} where ${wantedRevision} was expected (an event is missing or out of order)`;
      if (fail({ position, streamId, reason })) break;
    } else if (hashes.prevHash !== (tip ? tip.hash : GENESIS_HASH)) {
      const reason = `event ${row[1]}: prevHash is not the hash of ${tip ? `revision ${tip.revision}` : 'GENESIS'} of ${streamId}`;
      if (fail({ position, streamId, reason })) break;
    }
    // One tip object per stream, updated in place: a new one per event was garbage by the next event.
    if (tip) {
      tip.revision = revision;
      tip.hash = hashes.hash;
      tip.position = position;
    } else {
      tips.set(streamId, { revision, hash: hashes.hash, position });
    }
    // The running digest is only ever compared at a checkpoint, so past the last one there is nothing
    // left for it to prove: a log signed up to its end still folds every event.
    if (nextCheckpoint < checkpoints.length) digest = nextDigest(digest, hashes.hash);

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
