import { parentPort, workerData } from 'node:worker_threads';
import { checkClaimedRanges, openRangeReader } from './range-claims.js';
import type { RangeMessage, RangePoolData } from './range-runners.js';

/**
 * A worker thread of a verify's pool (range-runners.ts): it checks the slices it claims, each on the
 * same read-only connection, and posts each result as it is known. It runs from the compiled dist/
 * only: Node cannot load the TypeScript source in a thread.
 */
const { jobs, nextJob } = workerData as RangePoolData;
if (jobs.length > 0) {
  const db = openRangeReader(jobs[0]!.file);
  try {
    await checkClaimedRanges(db, jobs, nextJob, (index, result) => parentPort!.postMessage({ index, result } satisfies RangeMessage));
  } finally {
    db.close();
  }
}
