import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from './sqlite-event-store.js';
import { toFailedWrite, toSealedOutcome, type WriteAnswer, type WriteJob } from './writer-messages.js';
import type { WriterJob } from './writer-thread.js';

/**
 * The SQLite store's writer thread (writer-thread.ts): its own connection to the file, on which the
 * appends run exactly as they do in-thread (expected revisions, key claims, hash chain, BEGIN
 * IMMEDIATE … COMMIT with its fsync). Jobs are taken one at a time in the order posted, and a job is
 * answered only after its COMMIT has returned: acknowledged means durable. It runs from the
 * compiled dist/ only: a thread cannot load the TypeScript.
 */
const { file, busyTimeoutMs, walAutoCheckpointPages } = workerData as WriterJob;
const port = parentPort!;
// 16 MiB: the import's commits are off its critical path here, and a larger cache only held memory (see open).
const store = SqliteEventStore.open(file, { busyTimeoutMs, writerThread: false, pageCacheMiB: 16, walAutoCheckpointPages });

port.on('message', (job: WriteJob | 'close') => {
  if (job === 'close') {
    store.closeSync();
    port.close();
    return;
  }
  let answer: WriteAnswer;
  try {
    if (job.kind === 'snapshots') {
      store.writeSnapshotsSync(job.snapshots ?? []);
      answer = { id: job.id, outcomes: [] };
    } else {
      const outcomes = job.kind === 'appendMany' ? store.appendManySync(job.requests, job.snapshots) : store.appendEachSync(job.requests, job.snapshots);
      answer = { id: job.id, outcomes: outcomes.map(toSealedOutcome) };
    }
  } catch (error) {
    answer = { id: job.id, failed: toFailedWrite(error) };
  }
  port.postMessage(answer);
});
