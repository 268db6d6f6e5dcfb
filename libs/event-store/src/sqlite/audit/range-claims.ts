import Database from 'better-sqlite3';
import { checkRange, type RangeJob, type RangeResult } from './range-check.js';

/**
 * A read-only connection for checking slices. Without mmap: every mapped page of the log counts in the
 * process's resident memory, and a whole-log scan maps the whole file (docs/benchmarks.md, 'verify
 * without mmap').
 */
export function openRangeReader(file: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true });
}

/**
 * Checks slices until none is left unclaimed: each thread of a pool runs this over the same jobs, and
 * `nextJob[0]` (shared between the threads) hands each slice to exactly one of them. `betweenSlices`, if
 * given, is awaited after each slice.
 */
export async function checkClaimedRanges(
  db: Database.Database,
  jobs: RangeJob[],
  nextJob: Int32Array,
  onResult: (index: number, result: RangeResult) => unknown,
  betweenSlices?: () => Promise<unknown>,
): Promise<void> {
  for (;;) {
    const index = Atomics.add(nextJob, 0, 1);
    if (index >= jobs.length) return;
    const result = checkRange(db, jobs[index]!);
    // One dirty slice settles it (the single pass then gives the findings): the others claim no more.
    if (onResult(index, result) === false || !result.clean) Atomics.store(nextJob, 0, jobs.length);
    if (betweenSlices) await betweenSlices();
  }
}
