import Database from 'better-sqlite3';
import { workerData } from 'node:worker_threads';
import type { CheckpointerJob } from './wal-checkpointer.js';

/**
 * The thread of wal-checkpointer.ts: passive checkpoints of the file's WAL on a connection of its
 * own, one every `intervalMs`, until the caller sets the stop flag.
 * It runs from the compiled dist/ only: a thread cannot load the TypeScript.
 */
const job = workerData as CheckpointerJob;
const stop = new Int32Array(job.stop);
const db = new Database(job.file, { fileMustExist: true });
try {
  // The file's own durability: the checkpoint syncs the WAL, then the file, as the writer's would.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // One checkpoint per interval folds in the commits since the last one, each page once.
  while (Atomics.load(stop, 0) === 0) {
    db.pragma('wal_checkpoint(PASSIVE)');
    Atomics.wait(stop, 0, 0, job.intervalMs);
  }
} finally {
  db.close();
}
