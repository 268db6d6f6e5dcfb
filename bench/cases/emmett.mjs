// Emmett's SQLite event store (@event-driven-io/emmett-sqlite, on node-sqlite3) on the same events socai
// stored: single-event appends through its public event store, batched appends, and reading the whole log.
import { rmSync } from 'node:fs';
import {
  appendToStream, createEventStoreSchema, getSQLiteEventStore, readMessagesBatch, sqliteConnection,
} from '@event-driven-io/emmett-sqlite';
import { argsOf, report, timed } from '../lib/measure.mjs';
import { storedEvents } from '../lib/socai.mjs';

const args = argsOf();
const batchSize = Number(args.batch ?? 1000);
const singles = Number(args.singles ?? 300);
const rows = storedEvents(args.store);
const toEmmett = (row) => ({ type: row[3], data: JSON.parse(row[4]), metadata: JSON.parse(row[5]) });
// Emmett names a stream's type by the part of its name before the first '-', as its event store does.
const streamTypeOf = (streamId) => streamId.split('-')[0];

/**
 * node-sqlite3 sometimes refuses Emmett's COMMIT with SQLITE_BUSY "SQL statements in progress" (a
 * statement of the append not yet finalized when the commit is sent). The transaction was rolled back,
 * so the benchmark tries it again and counts how often it had to.
 */
let busyRetries = 0;
async function retryingBusy(work) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (error?.code !== 'SQLITE_BUSY' || attempt >= 20) throw error;
      busyRetries++;
    }
  }
}

function fresh(file) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  return file;
}

// Single appends through the public API, one after another: its connection handling opens a connection
// per call for a file and shares it between overlapping calls, so concurrent callers are not an option.
const singleFile = fresh(`${args.dir}/emmett-single.sqlite`);
const store = getSQLiteEventStore({ fileName: singleFile });
const count = Math.min(singles, rows.length);
const { seconds: singleSeconds } = await timed(async () => {
  for (let i = 0; i < count; i++) await retryingBusy(() => store.appendToStream(rows[i][1], [toEmmett(rows[i])]));
});

// Batched: `batchSize` events per transaction on one long-lived connection (Emmett's transactions nest,
// so the appends of a batch join one outer transaction). The most favourable way to drive Emmett.
const batchedFile = fresh(`${args.dir}/emmett-batched.sqlite`);
const connection = sqliteConnection({ fileName: batchedFile });
await createEventStoreSchema(connection);
const synchronous = (await connection.querySingle('PRAGMA synchronous'))?.synchronous;
const { seconds: batchedSeconds } = await timed(async () => {
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    await retryingBusy(() => connection.withTransaction(async () => {
      // Consecutive events of one stream go in one append call.
      for (let j = 0; j < batch.length; ) {
        let k = j + 1;
        while (k < batch.length && batch[k][1] === batch[j][1]) k++;
        await appendToStream(connection, batch[j][1], streamTypeOf(batch[j][1]), batch.slice(j, k).map(toEmmett));
        j = k;
      }
    }));
  }
});

// The whole log, in pages of `batchSize`, as its consumers read it.
const { result: read, seconds: readSeconds } = await timed(async () => {
  let after = 0n;
  let total = 0;
  for (;;) {
    const page = await readMessagesBatch(connection, { after, batchSize });
    total += page.messages.length;
    if (page.messages.length === 0 || !page.areEventsLeft) break;
    after = page.currentGlobalPosition;
  }
  return total;
});
connection.close();

report('emmett', {
  events: rows.length,
  synchronous,
  busyRetries,
  singleAppends: count,
  singleAppendsPerSecond: count / singleSeconds,
  batchedEventsPerSecond: rows.length / batchedSeconds,
  readEvents: read,
  readEventsPerSecond: read / readSeconds,
});
