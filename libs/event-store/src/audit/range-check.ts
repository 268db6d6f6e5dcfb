import type Database from 'better-sqlite3';
import { rawEventPages } from './audit-database.js';
import { nextDigest } from './running-digest.js';
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

/**
 * Each stream's first event in the slice, as flat triples streamId, revision, prevHash: how it must link
 * to the stream's event before the slice. Flat, since one array of values crosses between threads far
 * cheaper than an array per stream.
 */
export type StreamHeads = (string | number)[];
/** Each stream's last event in the slice, as flat quadruples streamId, revision, hash, position. */
export type StreamTips = (string | number)[];

/** A stream's last event so far while the slice is read. */
interface Tip {
  revision: number;
  hash: string;
  position: number;
}

export interface RangeResult {
  /** False as soon as anything is wrong; the caller then runs the sequential verifier for the findings. */
  clean: boolean;
  heads: StreamHeads;
  tips: StreamTips;
  /**
   * Without a startDigest: the hashes (64 hex characters each, concatenated) from `from` up to the
   * slice's first checkpoint, or up to its end (or foldUntil) if it has none, for the caller to fold.
   */
  leadHashes: string;
  /** The digest after min(to, foldUntil), when the slice could fold to it; compared checkpoints vouch for it. */
  endDigest?: string;
}

const DIRTY: RangeResult = { clean: false, heads: [], tips: [], leadHashes: '' };

/**
 * Checks the slice. It stops at the first problem without naming it: a broken log is rare, and the
 * sequential verifier then gives the same findings, word for word, whatever the slicing was.
 */
export function checkRange(db: Database.Database, job: RangeJob): RangeResult {
  const tips = new Map<string, Tip>();
  const heads: StreamHeads = [];
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
      tip.position = position;
    } else {
      heads.push(streamId, revision, hashes.prevHash);
      tips.set(streamId, { revision, hash: hashes.hash, position });
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
  const flatTips: StreamTips = [];
  for (const [streamId, tip] of tips) flatTips.push(streamId, tip.revision, tip.hash, tip.position);
  return { clean: true, heads, tips: flatTips, leadHashes, endDigest: digest };
}
