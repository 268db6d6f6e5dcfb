import type { KeyObject } from 'node:crypto';
import type Database from 'better-sqlite3';
import { checkpointSignatureValid, type Checkpoint } from '../../audit/checkpoint.js';
import type { RangeJob } from './range-check.js';
import type { RangeRunner } from './range-runners.js';
import { GENESIS_DIGEST } from '../../audit/running-digest.js';
import { SliceStitcher } from './slice-stitcher.js';
import { readStreamTable } from './stream-table.js';

export interface RangedVerifyInput {
  /** The audit connection, inside the read snapshot the whole verify sees. */
  db: Database.Database;
  /** Its file, which every slice opens on a connection of its own. */
  file: string;
  /** The snapshot's last position (its highest; a gap below it is found by the slices). */
  head: number;
  /** Every checkpoint of the snapshot, in order. */
  checkpoints: Checkpoint[];
  publicKey?: KeyObject;
  /** How many slices to cut the log into. */
  slices: number;
  /** Checks the slices (range-runners.ts: a pool of threads, or one after another on this thread). */
  runRange: RangeRunner;
}

/**
 * Proves the log intact slice by slice, the slices checked in parallel, and answers the number of events
 * checked; undefined when it cannot (anything wrong, or a slice that failed to run). It never names a
 * finding: the caller then runs the sequential verifier, so a broken log is reported exactly as before.
 *
 * Slices read positions ≤ the snapshot's head on connections of their own: appends after the snapshot
 * only add positions beyond it, so they see the same rows.
 */
export async function intactByRanges(input: RangedVerifyInput): Promise<number | undefined> {
  const { db, head, checkpoints, publicKey } = input;
  if (head < 1 || checkpoints.some((checkpoint) => checkpoint.position < 1 || checkpoint.position > head)) return undefined;
  const jobs = rangeJobs(input.file, head, checkpoints, input.slices);
  const stitcher = new SliceStitcher(jobs);
  const running = input.runRange(jobs, (index, result) => stitcher.add(index, result)).then(() => true, () => false);
  // The signatures are checked and the stream table read here while the slices start.
  const streamTable = readStreamTable(db);
  const signed = checkpoints.length === 0 || (publicKey !== undefined && checkpoints.every((checkpoint) => checkpointSignatureValid(checkpoint, publicKey)));
  const ran = await running;
  return ran && signed && stitcher.intact(streamTable) ? head : undefined;
}

/** The slices' jobs: about equal slices, each ending at a checkpoint when one is near, so that it knows its digest. */
export function rangeJobs(file: string, head: number, checkpoints: Checkpoint[], slices: number): RangeJob[] {
  const count = Math.max(1, Math.min(slices, head));
  const foldUntil = checkpoints.at(-1)?.position ?? 0;
  const digestAt = new Map(checkpoints.map((checkpoint) => [checkpoint.position, checkpoint.digest]));
  const jobs: RangeJob[] = [];
  let from = 1;
  for (let k = 1; k <= count; k++) {
    const to = k === count ? head : sliceEnd(Math.round((k * head) / count), Math.floor(head / count / 10), checkpoints, from, head);
    if (to < from) continue;
    const startDigest = from === 1 ? GENESIS_DIGEST : digestAt.get(from - 1);
    const inside = checkpoints.filter((checkpoint) => checkpoint.position >= from && checkpoint.position <= to);
    jobs.push({ file, from, to, checkpoints: inside.map(({ position, digest }) => ({ position, digest })), startDigest, foldUntil });
    from = to + 1;
  }
  return jobs;
}

/** The checkpoint nearest to `ideal` within `window` of it (and after `from`), or `ideal` itself. */
function sliceEnd(ideal: number, window: number, checkpoints: Checkpoint[], from: number, head: number): number {
  let best = ideal;
  let bestDistance = window + 1;
  for (const { position } of checkpoints) {
    const distance = Math.abs(position - ideal);
    if (position >= from && position < head && distance < bestDistance) {
      best = position;
      bestDistance = distance;
    }
  }
  return best;
}
