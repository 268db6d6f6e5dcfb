import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { checkRange, type RangeJob, type RangeResult } from './range-check.js';

/** Checks one slice of the log somewhere (a worker thread, or this thread) and answers its result. */
export type RangeRunner = (job: RangeJob) => Promise<RangeResult>;

const WORKER_SCRIPT = new URL('./range-check.worker.js', import.meta.url);

/**
 * Worker threads need the compiled worker script next to this module: true when running from dist/,
 * false under jest, which runs the TypeScript source (a thread cannot load it).
 */
export function workerThreadsAvailable(): boolean {
  return import.meta.url.endsWith('.js') && existsSync(fileURLToPath(WORKER_SCRIPT));
}

/** Each slice in a worker thread of its own, which ends when the slice is checked. */
export const inWorkerThread: RangeRunner = (job) =>
  new Promise<RangeResult>((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, { workerData: job });
    let result: RangeResult | undefined;
    worker.once('message', (message: RangeResult) => (result = message));
    worker.once('error', reject);
    worker.once('exit', (code) => (result ? resolve(result) : reject(new Error(`verify worker for ${job.from}..${job.to} exited with code ${code} and no result`))));
  });

/** Each slice in turn on this thread: the same slicing and stitching, without threads (specs from source). */
export const inThisThread: RangeRunner = async (job) => {
  const db = new Database(job.file, { readonly: true, fileMustExist: true });
  try {
    return checkRange(db, job);
  } finally {
    db.close();
  }
};
