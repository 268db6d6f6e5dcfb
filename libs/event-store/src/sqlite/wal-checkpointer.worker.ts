import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from './sqlite-event-store.js';
import type { CheckpointerInterval, CheckpointerJob } from './writer-thread.js';

/**
 * The WAL checkpoints of a store that writes on its writer thread (writer-thread.ts), on a thread and
 * connection of their own: a passive checkpoint waits for no writer, so the writer's commits go on
 * while the WAL is copied into the file and synced, instead of one commit in ~10,000 pages doing it
 * before its callers hear back (see SqliteEventStoreOptions.walAutoCheckpointPages). A checkpoint that
 * fails (a full disk) is tried again at the next interval; the WAL keeps every committed page meanwhile.
 */
const { file, busyTimeoutMs, intervalMs } = workerData as CheckpointerJob;
const port = parentPort!;
const store = SqliteEventStore.open(file, { busyTimeoutMs, writerThread: false, pageCacheMiB: 2 });
let lastCheckpointMs = Date.now();
const checkpoint = (): void => {
  lastCheckpointMs = Date.now();
  try {
    store.checkpointWalSync();
  } catch {
    // Tried again at the next interval; the writer's backstop checkpoints if this thread never can.
  }
};
let timer = setInterval(checkpoint, intervalMs);

// The interval follows what the writer writes (writer-thread.ts); 'close' ends the thread.
port.on('message', (message: 'close' | CheckpointerInterval) => {
  clearInterval(timer);
  if (message !== 'close') {
    // A checkpoint due by the new interval runs now: switches more frequent than an interval must
    // not keep restarting the timer before it ever fires.
    if (Date.now() - lastCheckpointMs >= message.intervalMs) checkpoint();
    timer = setInterval(checkpoint, message.intervalMs);
    return;
  }
  store.closeSync();
  port.close();
});
