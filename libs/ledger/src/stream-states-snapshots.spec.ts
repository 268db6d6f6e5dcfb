import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evolveStream, initialStateFor, type StreamState } from '#domain';
import { SqliteEventStore, type NewEvent, type RecordedEvent } from '#event-store';
import { PackedFactIndex } from './states/packed-fact-index.js';
import { encodeSnapshot, SNAPSHOT_FORMAT } from './states/snapshot-codec.js';
import { StreamStates, toFact } from './stream-states.js';

/** Decision-state snapshots through the cache, on a real SQLite store (docs/decisions.md, 'decision-state snapshots'). */
describe('StreamStates with snapshots', () => {
  let store: SqliteEventStore;
  let reads: string[];
  const card = (personId: string, n: number): NewEvent => {
    const eventId = `00000000-0000-4000-8000-${personId.slice(-4)}${String(n).padStart(8, '0')}`;
    return {
      eventId,
      type: 'CardIssued',
      data: { cardNo: `DN49${personId}${n}`, personId, areaCode: '954', validFrom: `20${10 + n}-01-01`, validTo: `20${10 + n}-12-31`, issuedOn: `20${10 + n}-01-01` },
      metadata: { eventId, recordedAt: '2026-01-01T00:00:00.000Z', actor: 'spec', role: 'clerk', source: 'cli', correlationId: eventId, causationId: eventId, commandKey: `IssueCard:${eventId}`, schemaVersion: 1 },
    };
  };
  const cards = (id: string, from: number, count: number) => Array.from({ length: count }, (_, i) => card(id, from + i));
  /** The state a full read of the stream gives. */
  const foldAll = async (streamId: string): Promise<StreamState> => {
    let state = initialStateFor(streamId, new PackedFactIndex());
    for (const event of store.readStreamSync(streamId)) state = evolveStream(state, toFact(event));
    return state;
  };

  beforeEach(async () => {
    store = SqliteEventStore.open(':memory:');
    reads = [];
    const readStream = store.readStream.bind(store);
    store.readStream = async (streamId, options) => {
      reads.push(`${streamId}@${options?.fromRevision ?? 0}`);
      return readStream(streamId, options);
    };
    // The states' own reads: a whole stream (-1) or from a snapshot's revision, whose event is only found.
    const readStreamAfter = store.readStreamAfter.bind(store);
    store.readStreamAfter = async (streamId, revision) => {
      reads.push(`${streamId}@${Math.max(revision, 0)}`);
      return readStreamAfter(streamId, revision);
    };
    await store.append({ streamId: 'person-9500000001', expectedRevision: 'no_stream', events: cards('9500000001', 0, 10) });
    await store.append({ streamId: 'person-9500000002', expectedRevision: 'no_stream', events: cards('9500000002', 0, 10) });
    await store.append({ streamId: 'person-9500000003', expectedRevision: 'no_stream', events: cards('9500000003', 0, 3) });
  });
  afterEach(() => store.close());

  it('hands an evicted state to the store, which writes it with the next append; a miss then reads the snapshot and the events from its revision', async () => {
    const states = new StreamStates(store, 16, 0); // one ten-event stream (weight 14) at a time
    await states.load('person-9500000001');
    await states.load('person-9500000002'); // evicts 1
    expect(store.readSnapshotSync('person-9500000001')).toMatchObject({ revision: 9, format: SNAPSHOT_FORMAT });
    await store.append({ streamId: 'person-9500000001', expectedRevision: 9, events: cards('9500000001', 10, 2) }); // another writer
    reads = [];
    const loaded = await states.load('person-9500000001');
    expect(reads).toEqual(['person-9500000001@9']);
    expect(loaded.revision).toBe(11);
    expect(loaded.state).toEqual(await foldAll('person-9500000001'));
  });

  it('hands the cached states over as snapshots when the process closes (snapshotCached), long streams only, once', async () => {
    const states = new StreamStates(store, 1_000, 0); // room for every stream: nothing is evicted
    for (const id of ['9500000001', '9500000002', '9500000003']) await states.load(`person-${id}`);
    expect(store.readSnapshotSync('person-9500000001')).toBeUndefined();
    expect(states.held).toBe(35); // 23 events and 4 a stream
    expect(await states.snapshotCached()).toBe(2); // the three-event stream is read whole faster than a snapshot
    expect(states.held).toBe(0); // emptied as it went: the collector takes each state once it is encoded
    await store.append({ streamId: 'person-9500000009', expectedRevision: 'no_stream', events: cards('9500000009', 0, 1) });
    expect(store.readSnapshotSync('person-9500000001')).toMatchObject({ revision: 9, format: SNAPSHOT_FORMAT });
    expect(store.readSnapshotSync('person-9500000002')).toMatchObject({ revision: 9, format: SNAPSHOT_FORMAT });
    expect(store.readSnapshotSync('person-9500000003')).toBeUndefined();
    expect(await states.snapshotCached()).toBe(0); // nothing newer since
    // A next process's first load of the stream reads the snapshot and its own event only.
    const next = new StreamStates(store, 1_000, 0);
    reads = [];
    const loaded = await next.load('person-9500000001');
    expect(reads).toEqual(['person-9500000001@9']);
    expect(loaded.state).toEqual(await foldAll('person-9500000001'));
  });

  it('keeps no snapshot of a short stream, nor one only a few events newer than the one it was loaded from', async () => {
    const states = new StreamStates(store, 16, 0);
    await states.load('person-9500000003');
    await states.load('person-9500000001'); // evicts 3: three events, fewer than SNAPSHOT_MIN_EVENTS
    await states.load('person-9500000002'); // evicts 1: snapshot at 9
    await store.append({ streamId: 'person-9500000009', expectedRevision: 'no_stream', events: cards('9500000009', 0, 1) });
    expect(store.readSnapshotSync('person-9500000003')).toBeUndefined();
    const saved: string[] = [];
    const save = store.saveSnapshots.bind(store);
    store.saveSnapshots = (snapshots) => {
      saved.push(...snapshots.map((snapshot) => `${snapshot.streamId}@${snapshot.revision}`));
      save(snapshots);
    };
    await states.load('person-9500000001'); // from its snapshot; evicts 2: snapshot at 9
    await states.load('person-9500000002'); // evicts 1, loaded from its snapshot and unchanged: none
    expect(saved).toEqual(['person-9500000002@9']);
  });

  it('writes a newer snapshot once the state holds SNAPSHOT_MIN_EVENTS events more than the snapshot it was loaded from', async () => {
    const states = new StreamStates(store, 24, 0);
    await states.load('person-9500000001');
    await states.load('person-9500000002'); // evicts 1: snapshot at 9
    await store.append({ streamId: 'person-9500000001', expectedRevision: 9, events: cards('9500000001', 10, 8) }); // another writer
    await states.load('person-9500000001'); // the snapshot at 9 and 8 events after it; evicts 2: snapshot at 9
    expect(store.readSnapshotSync('person-9500000001')?.revision).toBe(9);
    await states.load('person-9500000002'); // evicts 1: 17 is 8 past the snapshot it came from
    expect(store.readSnapshotSync('person-9500000001')?.revision).toBe(17);
  });

  it('ignores a snapshot of another format, one the log does not bear out, and one it cannot read', async () => {
    const states = new StreamStates(store, 1_000);
    const full = await foldAll('person-9500000001');
    // A true state folded to revision 7, filed at 8: it holds one fact too few.
    const events = store.readStreamSync('person-9500000001');
    let upTo7: StreamState = initialStateFor('person-9500000001', new PackedFactIndex());
    for (const event of events.slice(0, 8)) upTo7 = evolveStream(upTo7, toFact(event));
    // A state of 10 facts filed at 9 whose last fact sits at another position than the log's event at 9.
    let elsewhere: StreamState = initialStateFor('person-9500000001', new PackedFactIndex());
    for (const event of events.slice(0, 10)) elsewhere = evolveStream(elsewhere, toFact(event.revision === 9 ? { ...event, position: event.position + 1_000 } : event));
    expect(events.map((event) => event.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // In order of revision: the store keeps a snapshot only over an older one or one of another format.
    for (const snapshot of [
      { streamId: 'person-9500000001', revision: 5, format: SNAPSHOT_FORMAT + 1, state: '{"kind":"person"}' },
      { streamId: 'person-9500000001', revision: 5, format: SNAPSHOT_FORMAT, state: '{"kind":' },
      { streamId: 'person-9500000001', revision: 6, format: SNAPSHOT_FORMAT, state: '{"kind":"person","facts":{"types":[],"areas":[],"facts":[]},"state":{"cards":[],"relocations":[]}}' },
      // The whole state filed at 7: its fact 7 is the log's, but it holds facts past its revision.
      { streamId: 'person-9500000001', revision: 7, format: SNAPSHOT_FORMAT, state: encodeSnapshot(full) },
      { streamId: 'person-9500000001', revision: 8, format: SNAPSHOT_FORMAT, state: encodeSnapshot(upTo7) },
      { streamId: 'person-9500000001', revision: 9, format: SNAPSHOT_FORMAT, state: encodeSnapshot(elsewhere) },
    ]) {
      store.writeSnapshotsSync([snapshot]);
      expect(store.readSnapshotSync('person-9500000001')).toEqual(snapshot);
      states.forget('person-9500000001');
      reads = [];
      const loaded = await states.load('person-9500000001');
      expect(loaded.state).toEqual(full);
      expect(reads.at(-1)).toBe('person-9500000001@0');
    }
  });

  it('keeps an import batch’s states until their commit, then snapshots them with their positions', async () => {
    const states = new StreamStates(store, 16, 0);
    const loaded = await states.load('person-9500000001');
    const request = { streamId: 'person-9500000001', expectedRevision: 9, events: cards('9500000001', 10, 1) };
    // Folded before the commit, as CommandBatch does: no position yet.
    const provisional: RecordedEvent[] = request.events.map((event) => ({ ...event, streamId: request.streamId, revision: 10, position: 0, metadata: {} as never }));
    states.advance('person-9500000001', loaded, provisional);
    await states.load('person-9500000002'); // over capacity, but 1 waits for its commit: kept, 2 held beside it
    expect(states.held).toBe(29);
    expect(store.readSnapshotSync('person-9500000001')).toBeUndefined();
    const committed = await store.append(request);
    states.settled([committed]);
    await states.load('person-9500000003'); // evicts 1 (now settled: snapshot at 10, its position known) and 2
    const snapshot = store.readSnapshotSync('person-9500000001')!;
    expect(snapshot.revision).toBe(10);
    expect(JSON.parse(snapshot.state).facts.facts.at(-2)).toBe(committed.position);
    reads = [];
    expect((await states.load('person-9500000001')).state).toEqual(await foldAll('person-9500000001'));
    expect(reads).toEqual(['person-9500000001@10']);
  });

  it('writes the snapshots waiting when the store closes, and reads them after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'socai-snapshots-'));
    try {
      let onFile = SqliteEventStore.open(join(dir, 'events.sqlite'));
      await onFile.append({ streamId: 'person-9500000001', expectedRevision: 'no_stream', events: cards('9500000001', 0, 10) });
      await onFile.append({ streamId: 'person-9500000002', expectedRevision: 'no_stream', events: cards('9500000002', 0, 10) });
      const states = new StreamStates(onFile, 16, 0);
      await states.load('person-9500000001');
      await states.load('person-9500000002'); // evicts 1: waiting, no append after it
      await onFile.close();
      onFile = SqliteEventStore.open(join(dir, 'events.sqlite'));
      expect(onFile.readSnapshotSync('person-9500000001')).toMatchObject({ streamId: 'person-9500000001', revision: 9, format: SNAPSHOT_FORMAT });
      const loaded = await new StreamStates(onFile, 1_000).load('person-9500000001');
      expect(loaded.state).toEqual(await foldAll('person-9500000001'));
      await onFile.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
