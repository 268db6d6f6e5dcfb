import type Database from 'better-sqlite3';
import { rawEventPages } from './audit-database.js';
import { nextDigest } from '../../audit/running-digest.js';
import { confirmStoredHashes, type ConfirmedHashes } from './stored-hashes.js';

/**
 * One slice of the log for a parallel verify: the events at positions `from`..`to`, checked on their own
 * (each hash, each chain link inside the slice, each signed digest the slice can fold to). What only the
 * whole log can show (a chain link or a digest across slices, the stream table) is left to the caller,
 * which stitches the slices' edges together (ranged-verify.ts).
 */
export interface RangeJob {
  file: string;
  from: number;
  to: number;
  /** The signed checkpoints at positions `from`..`to`, in order. */
  checkpoints: { position: number; digest: string }[];
  /** The running digest after position from-1, when the caller knows it (GENESIS, or a checkpoint's). */
  startDigest?: string;
  /** The last checkpoint of the whole log: the digest is only ever compared up to it (0: none). */
  foldUntil: number;
}

/** A stream's last event so far while the slice is read. */
interface Tip {
  revision: number;
  hash: string;
}

export interface RangeResult {
  /** False as soon as anything is wrong; the caller then runs the sequential verifier for the findings. */
  clean: boolean;
  /** Each stream the slice holds, once, in the order of its first event there. */
  streams: string[];
  /**
   * For `streams[i]`: at 2i the revision of its first event in the slice, at 2i+1 that of its last. A typed
   * array and one string (below) cross between threads far cheaper than flat arrays of mixed values did,
   * most of the copying being on the main thread (docs/benchmarks.md, 'verify slice results').
   */
  revisions: Float64Array;
  /** For `streams[i]`, 128 characters from 128i: its first event's prevHash, then its last event's hash. */
  edgeHashes: string;
  /**
   * Without a startDigest: the hashes (64 hex characters each, concatenated) from `from` up to the
   * slice's first checkpoint, or up to its end (or foldUntil) if it has none, for the caller to fold.
   */
  leadHashes: string;
  /** The digest after min(to, foldUntil), when the slice could fold to it; compared checkpoints vouch for it. */
  endDigest?: string;
}

const DIRTY: RangeResult = { clean: false, streams: [], revisions: new Float64Array(0), edgeHashes: '', leadHashes: '' };
const HASH_LENGTH = 64;

/**
 * Checks the slice. It stops at the first problem without naming it: a broken log is rare, and the
 * sequential verifier then gives the same findings, word for word, whatever the slicing was.
 */
export function checkRange(db: Database.Database, job: RangeJob): RangeResult {
  const tips = new Map<string, Tip>();
  const streams: string[] = [];
  const lastEvents: Tip[] = [];
  const firstRevisions: number[] = [];
  const firstPrevHashes: string[] = [];
  const hashes: ConfirmedHashes = { hash: '', prevHash: '' };
  const foldUntil = Math.min(job.to, job.foldUntil);
  let digest = job.startDigest;
  let leadHashes = '';
  let nextCheckpoint = 0;
  let expectedPosition = job.from;
  // The first slice also reads below position 1, so that a row moved there cannot hide from every slice.
  const readFrom = job.from === 1 ? Number.MIN_SAFE_INTEGER : job.from;
  for (const rows of rawEventPages(db, readFrom, job.to)) for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const position = row[0];
    if (position !== expectedPosition) return DIRTY;
    expectedPosition++;
    if (confirmStoredHashes(row, hashes) !== undefined) return DIRTY;
    const streamId = row[2];
    const revision = row[3];
    const tip = tips.get(streamId);
    if (tip) {
      if (revision !== tip.revision + 1 || hashes.prevHash !== tip.hash) return DIRTY;
      tip.revision = revision;
      tip.hash = hashes.hash;
    } else {
      // The result carries revisions as numbers and prevHashes at fixed offsets. Either check below fails
      // only where the single pass fails too: it compares a revision with a number, strictly, and a
      // prevHash with a 64-character hash (or GENESIS), which a text of any other length never matches.
      if (typeof revision !== 'number' || hashes.prevHash.length !== HASH_LENGTH) return DIRTY;
      const first = { revision, hash: hashes.hash };
      tips.set(streamId, first);
      lastEvents.push(first);
      streams.push(streamId);
      firstRevisions.push(revision);
      firstPrevHashes.push(hashes.prevHash);
    }
    if (position > foldUntil) continue;
    if (digest === undefined) {
      leadHashes += hashes.hash;
      const checkpoint = job.checkpoints[nextCheckpoint];
      // The caller compares the folded lead with the first checkpoint; from it on, the signed digest
      // is the start (it is only trusted once that comparison holds).
      if (checkpoint?.position === position) {
        digest = checkpoint.digest;
        nextCheckpoint++;
      }
      continue;
    }
    digest = nextDigest(digest, hashes.hash);
    const checkpoint = job.checkpoints[nextCheckpoint];
    if (checkpoint?.position === position) {
      if (checkpoint.digest !== digest) return DIRTY;
      nextCheckpoint++;
    }
  }
  if (expectedPosition !== job.to + 1) return DIRTY;
  const revisions = new Float64Array(2 * streams.length);
  const edgeHashes = new Array<string>(2 * streams.length);
  for (let i = 0; i < streams.length; i++) {
    const tip = lastEvents[i]!;
    revisions[2 * i] = firstRevisions[i]!;
    revisions[2 * i + 1] = tip.revision;
    edgeHashes[2 * i] = firstPrevHashes[i]!;
    edgeHashes[2 * i + 1] = tip.hash;
  }
  return { clean: true, streams, revisions, edgeHashes: edgeHashes.join(''), leadHashes, endDigest: digest };
}
