import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { checkRange, type RangeJob, type RangeResult } from './range-check.js';
import { checkClaimedRanges, openRangeReader } from './range-claims.js';
import { workerScriptAvailable } from '../../worker-script.js';

/**
 * Checks the slices of the log somewhere, handing each result to `onResult` as it is known (in any
 * order), and settles once no more will come. A slice that could not be checked (a thread that failed,
 * or work given up after a dirty slice, or when `onResult` answers false) gets no result.
 */
export type RangeRunner = (jobs: RangeJob[], onResult: ResultSink) => Promise<void>;

/** Takes the result of `jobs[index]`; false when the verify is settled (a slice is dirty): stop checking. */
export type ResultSink = (index: number, result: RangeResult) => boolean;

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
  return workerScriptAvailable(import.meta.url, WORKER_SCRIPT);
}

/**
 * `threads` threads take the slices one after another, each claiming the next unchecked one, so that a
 * thread that started late or runs slowly on a busy machine simply checks fewer. With `hereToo`, this
 * thread is one of them: it checks slices while the workers start (a thread takes a while before it
 * reads a row: docs/benchmarks.md, 'verify threads'), instead of waiting idle for them. It blocks
 * meanwhile, so the server never asks for it.
 */
export function inThreadPool(threads: number, hereToo: boolean): RangeRunner {
  return async (jobs, onResult) => {
    const nextJob = new Int32Array(new SharedArrayBuffer(4));
    // Once a result settles the verify, no thread claims another slice.
    const sink: ResultSink = (index, result) => onResult(index, result) || (Atomics.store(nextJob, 0, jobs.length), false);
    const workers = Math.max(0, Math.min(threads - (hereToo ? 1 : 0), jobs.length - (hereToo ? 1 : 0)));
    const running: Promise<void>[] = [];
    for (let i = 0; i < workers; i++) running.push(runWorker({ jobs, nextJob }, sink));
    // The caller's own work (the stream table, the signatures) runs here, while the workers start.
    await Promise.resolve();
    if (hereToo || workers === 0) await checkHere(jobs, nextJob, sink);
    await Promise.all(running);
  };
}

function runWorker(data: RangePoolData, sink: ResultSink): Promise<void> {
  return new Promise<void>((resolve) => {
    const worker = new Worker(WORKER_SCRIPT, { workerData: data });
    worker.on('message', ({ index, result }: RangeMessage) => sink(index, result));
    // A failed thread leaves its slice without a result: the verify then takes the single pass.
    worker.once('error', () => Atomics.store(data.nextJob, 0, data.jobs.length));
    worker.once('exit', () => resolve());
  });
}

/**
 * This thread's share of a pool's slices, on a read-only connection of its own. Between two slices it
 * lets the workers' results in (their messages wait for this thread's event loop), so that they are
 * linked while the workers go on, instead of all of them after this thread's last slice.
 */
async function checkHere(jobs: RangeJob[], nextJob: Int32Array, sink: ResultSink): Promise<void> {
  if (jobs.length === 0) return;
  const db = openRangeReader(jobs[0]!.file);
  try {
    await checkClaimedRanges(db, jobs, nextJob, sink, () => yieldToEventLoop());
  } finally {
    db.close();
  }
}

/** Each slice in turn on this thread: the same slicing and stitching, without threads (specs from source). */
export const inThisThread: RangeRunner = async (jobs, onResult) => {
  for (let index = 0; index < jobs.length; index++) {
    const db = openRangeReader(jobs[index]!.file);
    try {
      if (!onResult(index, checkRange(db, jobs[index]!))) return;
    } finally {
      db.close();
    }
  }
};
