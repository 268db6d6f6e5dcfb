import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  BatchConflictError,
  KeyAlreadyClaimedError,
  WrongExpectedRevisionError,
  type AppendOutcome,
  type AppendRequest,
  type EventStore,
  type NewEvent,
} from '../event-store.port.js';
import { eventStoreContract } from '../testing/index.js';
import { SqliteEventStore } from './sqlite-event-store.js';

/**
 * The store's appends on its writer thread must answer exactly what the in-thread appends answer.
 * The thread runs the compiled script, so the threaded store is driven through dist/ (`npm run
 * build` first, as `npm test` does); from source the store writes on this thread.
 */
const DIST_STORE = join(process.cwd(), 'dist', 'libs', 'event-store', 'src', 'sqlite', 'sqlite-event-store.js');

const workDir = mkdtempSync(join(tmpdir(), 'socai-writer-thread-'));
let fileCount = 0;
const freshFile = (): string => join(workDir, `store-${++fileCount}`, 'events.sqlite');
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

let Dist: typeof SqliteEventStore;
beforeAll(async () => {
  if (!existsSync(DIST_STORE)) throw new Error(`${DIST_STORE} is missing: run npm run build (npm test does)`);
  Dist = ((await import(DIST_STORE)) as { SqliteEventStore: typeof SqliteEventStore }).SqliteEventStore;
});

function newEvent(eventId: string, data: unknown = { eventId, amount: '1250000', note: 'Công ty "A"\n' }): NewEvent {
  return {
    eventId,
    type: 'Noted',
    data,
    metadata: {
      eventId, recordedAt: '2025-07-01T08:00:00.000Z', actor: 'writer-test', role: 'clerk', source: 'cli',
      correlationId: 'corr', causationId: 'cause', commandKey: `cmd-${eventId}`, schemaVersion: 1,
    },
  };
}

const request = (streamId: string, expectedRevision: AppendRequest['expectedRevision'], ids: string[], key?: string): AppendRequest => ({
  streamId, expectedRevision, events: ids.map((id) => newEvent(id)), ...(key ? { claim: { commandKey: key, contentHash: `h-${key}` } } : {}),
});

/**
 * The dist/ store throws dist/'s error classes; the contract checks them against the source's. This
 * turns one into the other by name, field for field, so the contract judges the threaded store.
 */
function withSourceErrors(store: SqliteEventStore): EventStore {
  const conflict = (error: unknown): unknown => {
    const named = error as { name?: string } & Record<string, never>;
    if (named?.name === 'WrongExpectedRevisionError') return new WrongExpectedRevisionError(named.streamId, named.expected, named.actual);
    if (named?.name === 'KeyAlreadyClaimedError') return new KeyAlreadyClaimedError(named.existing);
    if (named?.name === 'BatchConflictError') return new BatchConflictError(named.index, conflict(named.cause) as WrongExpectedRevisionError);
    return error;
  };
  const rethrown = <T>(promise: Promise<T>): Promise<T> => promise.catch((error: unknown) => Promise.reject(conflict(error)));
  return Object.assign(Object.create(store) as EventStore, {
    append: (r: AppendRequest) => rethrown(store.append(r)),
    appendMany: (rs: AppendRequest[]) => rethrown(store.appendMany(rs)),
    appendEach: async (rs: AppendRequest[]) => (await store.appendEach(rs)).map((outcome) => conflict(outcome) as AppendOutcome),
    close: () => store.close(),
  });
}

describe('SqliteEventStore writer thread', () => {
  it('is not used from source, where there is no compiled worker to run', () => {
    const store = SqliteEventStore.open(freshFile());
    expect(store.writesOnThread).toBe(false);
    store.closeSync();
  });

  it('is used from dist/ for a file, and not for :memory: or when turned off', () => {
    const stores = [Dist.open(freshFile()), Dist.open(':memory:'), Dist.open(freshFile(), { writerThread: false })];
    expect(stores.map((store) => store.writesOnThread)).toEqual([true, false, false]);
    for (const store of stores) store.closeSync();
  });

  it('answers every append exactly as the in-thread store does: results, conflicts and stored rows', async () => {
    const threaded = Dist.open(freshFile());
    const inThread = Dist.open(freshFile(), { writerThread: false });
    const script = async (store: SqliteEventStore) => [
      await store.append(request('a', 'no_stream', ['a0', 'a1'], 'k-a')),
      await store.appendMany([request('b', 'no_stream', ['b0']), request('a', 1, ['a2', 'a3', 'a4']), request('b', 0, ['b1'], 'k-b')]),
      await store.appendEach([request('a', 1, ['x']), request('c', 'any', ['c0'], 'k-a'), request('c', 'no_stream', ['c1'])]),
      await store.appendMany([request('d', 'no_stream', ['d0']), request('a', 3, ['y'])]).catch((error: Error) => [error.name, error.message]),
      await store.append(request('e', 'any', ['e0'], 'k-b')).catch((error: Error) => [error.name, error.message]),
      await store.readAll(),
    ];
    const [fromThread, fromHere] = [await script(threaded), await script(inThread)];
    expect(threaded.writesOnThread).toBe(true);
    expect(fromThread).toEqual(fromHere);
    // Spot checks of what both agree on: two refused requests of the appendEach, the batch and the lone append refused whole.
    expect((fromThread[2] as AppendOutcome[]).map((outcome) => (outcome instanceof Error ? outcome.name : outcome.revision))).toEqual([
      'WrongExpectedRevisionError', 'KeyAlreadyClaimedError', 0,
    ]);
    expect(fromThread[3]).toEqual(['BatchConflictError', 'append 1 of the batch conflicts: stream a: expected revision 3, found 4']);
    expect((fromThread[4] as string[])[0]).toBe('KeyAlreadyClaimedError');
    expect((fromThread[5] as unknown[]).length).toBe(8);
    await Promise.all([threaded.close(), inThread.close()]);
  });

  it('writes appends posted without waiting in the order posted, and close waits for them', async () => {
    const file = freshFile();
    const store = Dist.open(file);
    const posted = Array.from({ length: 50 }, (_, i) => store.append(request('s', i === 0 ? 'no_stream' : i - 1, [`s${i}`])));
    await store.close();
    expect((await Promise.all(posted)).map((result) => [result.revision, result.position])).toEqual(posted.map((_, i) => [i, i + 1]));
    const reopened = Dist.open(file, { writerThread: false });
    expect(reopened.readStreamSync('s').map((event) => event.eventId)).toEqual(posted.map((_, i) => `s${i}`));
    reopened.closeSync();
  });

  it('copies the WAL into the file on its checkpointer thread, while its commits leave it to that thread', async () => {
    const file = freshFile();
    const store = Dist.open(file);
    for (let i = 0; i < 20; i++) await store.append(request('w', i === 0 ? 'no_stream' : i - 1, [`w${i}`]));
    // The checkpointer runs every 200 ms; waited for (up to 20 s on a loaded machine), not timed.
    expect(await checkpointedRows(file, 20)).toBe(20);
    await store.close();
  });

  it('checkpoints every second while it writes group commits, every 200 ms while it writes batches, and the WAL reaches the file after each switch', async () => {
    const file = freshFile();
    const store = Dist.open(file);
    const writer = (store as unknown as { writer: { checkpointIntervalMs: number } }).writer;
    expect(writer.checkpointIntervalMs).toBe(200);
    await store.appendEach([request('g', 'no_stream', ['g0']), request('h', 'no_stream', ['h0'])]);
    expect(writer.checkpointIntervalMs).toBe(1000);
    // After each switch the checkpointer goes on at the new interval: the rows reach the file itself.
    expect(await checkpointedRows(file, 2)).toBe(2);
    await store.appendMany([request('g', 0, ['g1']), request('h', 0, ['h1'])]);
    expect(writer.checkpointIntervalMs).toBe(200);
    expect(await checkpointedRows(file, 4)).toBe(4);
    await store.append(request('g', 1, ['g2']));
    expect(writer.checkpointIntervalMs).toBe(1000);
    expect(await checkpointedRows(file, 5)).toBe(5);
    await store.close();
  });

  it('refuses a request that cannot cross to the thread alone, and keeps writing', async () => {
    const store = Dist.open(freshFile());
    const unclonable = request('f', 'no_stream', []);
    unclonable.events.push(newEvent('f0', { call: () => 1 }));
    await expect(store.append(unclonable)).rejects.toThrow(/could not be cloned/);
    expect((await store.append(request('f', 'no_stream', ['f1']))).revision).toBe(0);
    // Read on this thread's own connection right after the awaited append: the write is there.
    expect(store.readStreamSync('f').map((event) => event.eventId)).toEqual(['f1']);
    await store.close();
  });
  it("keeps the store threads' own young generation under an import's semi-space flag, and the importing thread its own", () => {
    // A thread's new space is two semi-spaces, grown to its largest by a churn that keeps a little of
    // what it allocates. In a process started with `--max-semi-space-size=32` (an import's), the main
    // thread's grows to 64 MB; once the store has started its threads, a thread under the store's
    // limits (a 12 MB young generation: 4 MB semi-spaces) grows to 8 MB, not to the flag's 64.
    const script = `
      import v8 from 'node:v8';
      import { Worker } from 'node:worker_threads';
      function grownNewSpaceMb(v8) {
        let kept = [];
        for (let i = 0; i < 3e6; i++) { kept.push({ i, s: 'x' + i }); if (kept.length > 20000) kept = []; }
        return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size / 2 ** 20;
      }
      const { SqliteEventStore } = await import(${JSON.stringify(DIST_STORE)});
      const store = SqliteEventStore.open(${JSON.stringify(freshFile())});
      await store.append(${JSON.stringify(request('s', 'no_stream', ['s0']))});
      const mainMb = grownNewSpaceMb(v8);
      const thread = new Worker(grownNewSpaceMb + "; require('node:worker_threads').parentPort.postMessage(grownNewSpaceMb(require('node:v8')))", {
        eval: true, resourceLimits: { maxYoungGenerationSizeMb: 12 },
      });
      const threadMb = await new Promise((resolve) => thread.once('message', resolve));
      await store.close();
      console.log(JSON.stringify({ mainMb, threadMb }));
    `;
    const scriptFile = join(workDir, 'young-generations.mjs');
    writeFileSync(scriptFile, script);
    const out = execFileSync(process.execPath, ['--max-semi-space-size=32', scriptFile], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ mainMb: 64, threadMb: 8 });
  });
});

eventStoreContract('SqliteEventStore on its writer thread', async () => withSourceErrors(Dist.open(freshFile())));

/**
 * The events the database file itself holds, without its WAL (a copy of the file alone: opened in place,
 * a reader would add the WAL's pages), once it holds `expected` or after 20 s of waiting (a loaded
 * machine), not timed. A copy taken mid-checkpoint may not open: counted as -1, and tried again.
 */
async function checkpointedRows(file: string, expected: number): Promise<number> {
  const inFile = (): number => {
    const copy = `${file}.copy`;
    copyFileSync(file, copy);
    try {
      const db = new Database(copy, { readonly: true });
      try {
        return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
      } finally {
        db.close();
      }
    } catch {
      return -1;
    } finally {
      rmSync(copy, { force: true });
    }
  };
  let rows = inFile();
  for (let tries = 0; tries < 400 && rows !== expected; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    rows = inFile();
  }
  return rows;
}
