import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { checkRange, type RangeJob, type RangeResult } from './range-check.js';
import { checkClaimedRanges, openRangeReader } from './range-claims.js';

/**
 * Checks every slice of the log somewhere and answers their results in the jobs' order; a slice that
 * could not be checked (a thread that failed, or work given up after a dirty slice) answers undefined.
 */
export type RangeRunner = (jobs: RangeJob[]) => Promise<(RangeResult | undefined)[]>;

/** What a pool's worker thread gets: every job, and the counter through which threads claim the next one. */
export interface RangePoolData {
  jobs: RangeJob[];
  /** An Int32Array over a SharedArrayBuffer: element 0 is the index of the next unclaimed job. */
  nextJob: Int32Array;
}

/** A worker's message: the result of the job it claimed at `index`. */
export interface RangeMessage {
  index: number;
  result: RangeResult;
}

const WORKER_SCRIPT = new URL('./range-check.worker.js', import.meta.url);

/**
 * Worker threads need the compiled worker script next to this module: true when running from dist/,
 * false under jest, which runs the TypeScript source (a thread cannot load it).
 */
export function workerThreadsAvailable(): boolean {
  return import.meta.url.endsWith('.js') && existsSync(fileURLToPath(WORKER_SCRIPT));
}

/**
 * `threads` threads take the slices one after another, each claiming the next unchecked one, so that a
 * thread that started late or runs slowly on a busy machine simply checks fewer. With `hereToo`, this
 * thread is one of them: it checks slices while the workers start (a thread costs about 50 ms before it
 * reads a row), instead of waiting idle for them. It blocks meanwhile, so the server never asks for it.
 */
export function inThreadPool(threads: number, hereToo: boolean): RangeRunner {
  return async (jobs) => {
    const nextJob = new Int32Array(new SharedArrayBuffer(4));
    const results: (RangeResult | undefined)[] = new Array(jobs.length).fill(undefined);
    const workers = Math.max(0, Math.min(threads - (hereToo ? 1 : 0), jobs.length - (hereToo ? 1 : 0)));
    const running: Promise<void>[] = [];
    for (let i = 0; i < workers; i++) running.push(runWorker({ jobs, nextJob }, results));
    // The caller's own work (the stream table, the signatures) runs here, while the workers start.
    await Promise.resolve();
    if (hereToo || workers === 0) checkHere(jobs, nextJob, results);
    await Promise.all(running);
    return results;
  };
}

function runWorker(data: RangePoolData, results: (RangeResult | undefined)[]): Promise<void> {
  return new Promise<void>((resolve) => {
    const worker = new Worker(WORKER_SCRIPT, { workerData: data });
    worker.on('message', ({ index, result }: RangeMessage) => (results[index] = result));
    // A failed thread leaves its slice without a result: the verify then takes the single pass.
    worker.once('error', () => Atomics.store(data.nextJob, 0, data.jobs.length));
    worker.once('exit', () => resolve());
  });
}

/** This thread's share of a pool's slices, on a read-only connection of its own. */
function checkHere(jobs: RangeJob[], nextJob: Int32Array, results: (RangeResult | undefined)[]): void {
  if (jobs.length === 0) return;
  const db = openRangeReader(jobs[0]!.file);
  try {
    checkClaimedRanges(db, jobs, nextJob, (index, result) => (results[index] = result));
  } finally {
    db.close();
  }
}

/** Each slice in turn on this thread: the same slicing and stitching, without threads (specs from source). */
export const inThisThread: RangeRunner = async (jobs) =>
  jobs.map((job) => {
    const db = openRangeReader(job.file);
    try {
      return checkRange(db, job);
    } finally {
      db.close();
    }
  });
