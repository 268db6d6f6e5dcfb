import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventStoreContract, testEvent } from '../testing/index.js';
import {
  StoreUnavailableError,
  WrongExpectedRevisionError,
  type AppendRequest,
  type NewEvent,
  type RecordedEvent,
} from '../event-store.port.js';
import { computeEventHash, GENESIS_HASH } from '../hash-chain.js';
import { SqliteEventStore } from './sqlite-event-store.js';

const workDir = mkdtempSync(join(tmpdir(), 'socai-event-store-'));
let fileCount = 0;
const freshFile = (): string => join(workDir, `store-${++fileCount}`, 'events.db');

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

eventStoreContract('SqliteEventStore', async () => SqliteEventStore.open(freshFile()));

function newEvent(eventId: string, data: unknown = { eventId }, type = 'Noted'): NewEvent {
  return testEvent(eventId, { data, type });
}

function expectIntactChains(events: readonly RecordedEvent[]): void {
  const lastHash = new Map<string, string>();
  for (const event of events) {
    expect(event.metadata.prevHash).toBe(lastHash.get(event.streamId) ?? GENESIS_HASH);
    expect(event.metadata.hash).toBe(computeEventHash(event));
    lastHash.set(event.streamId, event.metadata.hash);
  }
}

describe('SqliteEventStore', () => {
  let store: SqliteEventStore;
  let file: string;
  beforeEach(() => {
    file = freshFile();
    store = SqliteEventStore.open(file);
  });
  afterEach(() => store.closeSync());

  it('syncs every commit (synchronous FULL = 2) in WAL mode, with foreign keys, busy timeout and schema 2', () => {
    expect(store.settings()).toEqual({ journalMode: 'wal', synchronous: 2, busyTimeoutMs: 5000, foreignKeys: true, schemaVersion: 3 });
  });

  it('checkpoints its commits every 10,000 WAL pages unless told a backstop, and copies the WAL on demand', () => {
    // A per-connection pragma: read on the store's own connection.
    const walPages = (of: SqliteEventStore) => (of as unknown as { db: Database.Database }).db.pragma('wal_autocheckpoint', { simple: true });
    expect(walPages(store)).toBe(10_000);

    const backstopped = SqliteEventStore.open(freshFile(), { walAutoCheckpointPages: 100_000 });
    try {
      expect(walPages(backstopped)).toBe(100_000);
      for (let i = 1; i <= 50; i++) backstopped.appendSync({ streamId: `s-${i % 5}`, expectedRevision: 'any', events: [newEvent(`e-${i}`)] });
      const first = backstopped.checkpointWalSync();
      expect(first.busy).toBe(false);
      expect(first.walFrames).toBeGreaterThan(0);
      expect(first.checkpointedFrames).toBe(first.walFrames);
      // Nothing written since: the WAL holds the same frames, all of them in the file already.
      expect(backstopped.checkpointWalSync()).toEqual(first);
      expect(backstopped.readAllSync().map((event) => event.eventId)).toEqual(Array.from({ length: 50 }, (_, i) => `e-${i + 1}`));
    } finally {
      backstopped.closeSync();
    }
  });

  it('starts empty at position 0 and numbers positions 1, 2, 3… in commit order', () => {
    expect(store.headPositionSync()).toBe(0);
    expect(store.readAllSync()).toEqual([]);

    store.appendSync({ streamId: 's-1', expectedRevision: 'no_stream', events: [newEvent('e1'), newEvent('e2')] });
    store.appendSync({ streamId: 's-2', expectedRevision: 'no_stream', events: [newEvent('e3')] });

    expect(store.readAllSync().map((event) => [event.eventId, event.position])).toEqual([['e1', 1], ['e2', 2], ['e3', 3]]);
    expect(store.headPositionSync()).toBe(3);
  });

  it('reads everything back after the file is closed and reopened, and continues each chain', async () => {
    store.appendManySync([
      { streamId: 'employer-TA0001', expectedRevision: 'no_stream', events: [newEvent('e1', { amount: '1000000000000000000', name: 'Bưu điện Hướng Hóa' })] },
      { streamId: 'person-P1', expectedRevision: 'no_stream', events: [newEvent('e2', { amount: '0' })], claim: { commandKey: 'k-1', contentHash: 'h-1' } },
    ]);
    const before = store.readAllSync();
    store.closeSync();

    store = SqliteEventStore.open(file);
    expect(store.readAllSync()).toStrictEqual(before);
    expect(store.findKeySync('k-1')).toEqual({ commandKey: 'k-1', contentHash: 'h-1', eventId: 'e2', streamId: 'person-P1', revision: 0, position: 2 });

    const next = await store.append({ streamId: 'employer-TA0001', expectedRevision: 0, events: [newEvent('e3')] });
    expect(next).toMatchObject({ revision: 1, position: 3 });
    expect(next.events[0]!.metadata.prevHash).toBe(before[0]!.metadata.hash);
    expectIntactChains(store.readAllSync());
  });

  it('lets two connections on one file (as two processes would) append in turn without losing anything', () => {
    const other = SqliteEventStore.open(file);
    try {
      store.appendSync({ streamId: 'shared', expectedRevision: 'no_stream', events: [newEvent('a0')] });
      other.appendSync({ streamId: 'shared', expectedRevision: 0, events: [newEvent('b1')] });
      const stale = (() => {
        try {
          store.appendSync({ streamId: 'shared', expectedRevision: 0, events: [newEvent('a-stale')] });
        } catch (error) {
          return error;
        }
      })();
      expect(stale).toBeInstanceOf(WrongExpectedRevisionError);
      expect(stale).toMatchObject({ actual: 1 });

      for (let i = 0; i < 50; i++) {
        const writer = i % 2 === 0 ? store : other;
        writer.appendSync({ streamId: `own-${i % 2}`, expectedRevision: 'any', events: [newEvent(`x${i}`)] });
        writer.appendSync({ streamId: 'shared', expectedRevision: 1 + i, events: [newEvent(`s${i}`)] });
      }

      const seenByOne = store.readAllSync();
      expect(other.readAllSync()).toStrictEqual(seenByOne);
      expect(seenByOne).toHaveLength(102);
      expect(seenByOne.map((event) => event.position)).toEqual(Array.from({ length: 102 }, (_, i) => i + 1));
      expect(store.readStreamSync('shared').map((event) => event.revision)).toEqual(Array.from({ length: 52 }, (_, i) => i));
      expect(store.findEventSync('a-stale')).toBeUndefined();
      expectIntactChains(seenByOne);
    } finally {
      other.closeSync();
    }
  });

  it('answers StoreUnavailableError when another connection holds the write lock past the busy timeout', () => {
    const impatient = SqliteEventStore.open(file, { busyTimeoutMs: 50 });
    const locker = new Database(file);
    try {
      locker.exec('BEGIN IMMEDIATE');
      expect(() => impatient.appendSync({ streamId: 's', expectedRevision: 'no_stream', events: [newEvent('e1')] })).toThrow(StoreUnavailableError);
      locker.exec('ROLLBACK');
      expect(impatient.appendSync({ streamId: 's', expectedRevision: 'no_stream', events: [newEvent('e1')] }).position).toBe(1);
    } finally {
      locker.close();
      impatient.closeSync();
    }
  });

  it('refuses to open a file whose schema is newer than this program', () => {
    store.closeSync();
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => SqliteEventStore.open(file)).toThrow('event store schema version 99 is newer than this program\'s 3');
  });

  it('appends a large batch with several requests per stream in one transaction, positions contiguous and chains intact', () => {
    const requests: AppendRequest[] = [];
    for (let round = 0; round < 20; round++) {
      for (let s = 0; s < 50; s++) {
        requests.push({
          streamId: `employer-${s}`,
          expectedRevision: round === 0 ? 'no_stream' : round * 10 - 1,
          events: Array.from({ length: 10 }, (_, i) => newEvent(`e-${round}-${s}-${i}`, { amount: `${round * 1000 + i}`, s })),
          claim: { commandKey: `k-${round}-${s}`, contentHash: 'h' },
        });
      }
    }
    const results = store.appendManySync(requests);

    expect(results).toHaveLength(1000);
    expect(results[999]).toMatchObject({ streamId: 'employer-49', revision: 199, position: 10_000 });
    const all = store.readAllSync();
    expect(all.map((event) => event.position)).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1));
    expect(store.readStreamSync('employer-7')).toHaveLength(200);
    expect(store.findKeySync('k-19-49')).toMatchObject({ eventId: 'e-19-49-9', revision: 199, position: 10_000 });
    expectIntactChains(all);
  });

  it('pages the log lazily with iterateAll', async () => {
    store.appendSync({ streamId: 's', expectedRevision: 'no_stream', events: Array.from({ length: 25 }, (_, i) => newEvent(`e${i + 1}`)) });

    const pages: number[][] = [];
    for await (const page of store.iterateAll(3, 10)) pages.push(page.map((event) => event.position));

    expect(pages).toEqual([
      [3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      [13, 14, 15, 16, 17, 18, 19, 20, 21, 22],
      [23, 24, 25],
    ]);
  });

  it('treats an empty type list as no filter', () => {
    store.appendSync({ streamId: 's', expectedRevision: 'no_stream', events: [newEvent('e1', {}, 'A'), newEvent('e2', {}, 'B')] });
    expect(store.readAllSync({ types: [] }).map((event) => event.eventId)).toEqual(['e1', 'e2']);
  });

  it('refuses an event whose metadata names another event id, and writes nothing', () => {
    const event = newEvent('e1');
    event.metadata.eventId = 'e2';
    expect(() => store.appendSync({ streamId: 's', expectedRevision: 'no_stream', events: [newEvent('e0'), event] })).toThrow(TypeError);
    expect(store.headPositionSync()).toBe(0);
  });

  it('refuses an event id already recorded, and writes nothing of that append', () => {
    store.appendSync({ streamId: 's', expectedRevision: 'no_stream', events: [newEvent('e1')] });
    expect(() => store.appendSync({ streamId: 't', expectedRevision: 'no_stream', events: [newEvent('e2'), newEvent('e1')] })).toThrow(/UNIQUE/);
    expect(store.readStreamSync('t')).toEqual([]);
    expect(store.headPositionSync()).toBe(1);
  });

  it('reads a stream after a revision as a fold needs it: the position at the revision, the later events upcast and without metadata', async () => {
    const oldBook: NewEvent = { ...newEvent('b1', { bookNo: 'B1' }, 'BookIssued'), metadata: { ...newEvent('b1').metadata, schemaVersion: 0 } };
    store.appendSync({ streamId: 'other', expectedRevision: 'no_stream', events: [newEvent('o1')] });
    store.appendSync({ streamId: 's', expectedRevision: 'no_stream', events: [newEvent('s0', { n: 0 }), oldBook, newEvent('s2', { n: 2 })] });
    const asFolded = (event: RecordedEvent) => ({ eventId: event.eventId, type: event.type, revision: event.revision, position: event.position, data: event.data });
    expect(store.readStreamAfterSync('s', -1)).toEqual({ facts: store.readStreamSync('s').map(asFolded) });
    expect(store.readStreamAfterSync('s', 0)).toEqual({
      positionAtRevision: 2,
      facts: [
        { eventId: 'b1', type: 'BookIssued', revision: 1, position: 3, data: { bookNo: 'B1', reissue: false } },
        { eventId: 's2', type: 'Noted', revision: 2, position: 4, data: { n: 2 } },
      ],
    });
    expect(await store.readStreamAfter('s', 2)).toEqual({ positionAtRevision: 4, facts: [] });
    expect(store.readStreamAfterSync('s', 3)).toEqual({ facts: [] });
    expect(store.readStreamAfterSync('never-written', -1)).toEqual({ facts: [] });
  });

  it('checks the expected revision of an empty append and writes nothing', () => {
    store.appendSync({ streamId: 's', expectedRevision: 'no_stream', events: [newEvent('e1')] });
    expect(store.appendSync({ streamId: 's', expectedRevision: 0, events: [] })).toEqual({ streamId: 's', revision: 0, position: 1, events: [] });
    expect(() => store.appendSync({ streamId: 's', expectedRevision: 'no_stream', events: [] })).toThrow(WrongExpectedRevisionError);
  });
});
