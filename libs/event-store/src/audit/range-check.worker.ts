import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { checkRange, type RangeJob } from './range-check.js';

/**
 * A worker thread checking one slice of the log (ranged-verify.ts) on a read-only connection of its own.
 * It runs from the compiled dist/ only: Node cannot load the TypeScript source in a thread.
 */
const job = workerData as RangeJob;
const db = new Database(job.file, { readonly: true, fileMustExist: true });
try {
  // As the audit connection does: reads through the OS page cache without copies.
  db.pragma('mmap_size = 1073741824');
  parentPort!.postMessage(checkRange(db, job));
} finally {
  db.close();
}
