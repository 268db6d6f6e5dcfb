import { SqliteEventStore, type NewEvent } from '#event-store';
import { PackedFactIndex } from './states/packed-fact-index.js';
import { StreamStates } from './stream-states.js';

/** The decision-state cache on a real SQLite store: bounded by the events its states hold. */
describe('StreamStates', () => {
  let store: SqliteEventStore;
  let reads: string[];
  const card = (personId: string, n: number): NewEvent => {
    const eventId = `00000000-0000-4000-8000-${personId.slice(-4)}${String(n).padStart(8, '0')}`;
    return {
      eventId,
      type: 'CardIssued',
      data: { cardNo: `DN49${personId}${n}`, personId, areaCode: '954', validFrom: `202${n}-01-01`, validTo: `202${n}-12-31`, issuedOn: `202${n}-01-01` },
      metadata: { eventId, recordedAt: '2026-01-01T00:00:00.000Z', actor: 'spec', role: 'clerk', source: 'cli', correlationId: eventId, causationId: eventId, commandKey: `IssueCard:${eventId}`, schemaVersion: 1 },
    };
  };
  /** Person `id` with `events` cards. */
  const person = async (id: string, events: number) => {
    await store.append({ streamId: `person-${id}`, expectedRevision: 'no_stream', events: Array.from({ length: events }, (_, i) => card(id, i)) });
  };

  beforeEach(async () => {
    store = SqliteEventStore.open(':memory:');
    reads = [];
    const readStream = store.readStream.bind(store);
    store.readStream = async (streamId, options) => {
      reads.push(streamId);
      return readStream(streamId, options);
    };
    // The states' own reads, without metadata.
    const readStreamAfter = store.readStreamAfter.bind(store);
    store.readStreamAfter = async (streamId, revision) => {
      reads.push(streamId);
      return readStreamAfter(streamId, revision);
    };
    await person('9500000001', 3);
    await person('9500000002', 3);
    await person('9500000003', 4);
  });
  afterEach(() => store.close());

  it('folds a stream once and answers from memory while its events fit', async () => {
    const states = new StreamStates(store, 22); // 3 + 3 + 4 events, and 4 for each stream
    for (const id of ['9500000001', '9500000002', '9500000003', '9500000001', '9500000003']) await states.load(`person-${id}`);
    expect(reads).toEqual(['person-9500000001', 'person-9500000002', 'person-9500000003']);
    const loaded = await states.load('person-9500000003');
    expect([loaded.revision, loaded.state.kind === 'person' && loaded.state.cards.length]).toEqual([3, 4]);
  });

  it('keeps a cached state’s facts in the packed index, the cache’s memory budget', async () => {
    const loaded = await new StreamStates(store, 22).load('person-9500000003');
    expect(loaded.state.facts).toBeInstanceOf(PackedFactIndex);
    expect(loaded.state.facts.size).toBe(4);
  });

  it('evicts once the events its states hold pass the capacity, never the state just loaded', async () => {
    // A state weighs its events plus four for the stream itself.
    const states = new StreamStates(store, 15, 0);
    await states.load('person-9500000001'); // 3 events: 7 held
    await states.load('person-9500000002'); // 14 held
    await states.load('person-9500000003'); // 4 events: 22 > 15, one of the first two goes
    reads = [];
    await states.load('person-9500000003');
    await states.load('person-9500000001');
    await states.load('person-9500000002');
    expect(reads).toHaveLength(2); // the evicted one, then whichever made room for it
    expect(reads).not.toContain('person-9500000003');
  });

  it('keeps hitting when the streams are visited in cycles larger than it (an import, month after month)', async () => {
    const people = Array.from({ length: 40 }, (_, i) => String(9_500_000_100 + i));
    for (const id of people) await person(id, 1);
    const states = new StreamStates(store, 100, 0); // 20 states of one event (weight 5 each)
    reads = [];
    for (let cycle = 0; cycle < 5; cycle++) for (const id of people) await states.load(`person-${id}`);
    // An LRU of 20 would miss all 200 loads; random eviction keeps some of every cycle (160 here: the
    // first cycle's 40 misses, then 120 of 160).
    expect(reads.length).toBe(160);
  });

  it('never evicts a state touched recently, so an import batch keeps its uncommitted states', async () => {
    const states = new StreamStates(store, 15, 1_000);
    await states.load('person-9500000001');
    await states.load('person-9500000002');
    await states.load('person-9500000003'); // over: all three are recent, the least recently touched goes
    reads = [];
    await states.load('person-9500000002');
    await states.load('person-9500000003');
    expect(reads).toEqual([]);
  });

  it('keeps the state just loaded even when it alone is larger than the capacity', async () => {
    const states = new StreamStates(store, 2);
    await states.load('person-9500000003');
    await states.load('person-9500000003');
    expect(reads).toEqual(['person-9500000003']);
  });

  it('reads no stream outside the trusted list, but one forgotten after a conflict, and all again once distrusted', async () => {
    const states = new StreamStates(store, 100);
    states.trustExistingStreams(['person-9500000001']);
    await store.append({ streamId: 'person-9500000009', expectedRevision: 'no_stream', events: [card('9500000009', 0)] }); // another writer
    expect((await states.load('person-9500000001')).revision).toBe(2);
    expect((await states.load('person-9500000002')).revision).toBe(-1); // trusted to be empty: not read
    expect((await states.load('person-9500000009')).revision).toBe(-1); // so is the other writer's new stream…
    states.forget('person-9500000009'); // …until its append conflicts
    expect((await states.load('person-9500000009')).revision).toBe(0);
    states.distrustExistingStreams();
    states.forget('person-9500000002');
    expect((await states.load('person-9500000002')).revision).toBe(2);
    expect(reads).toEqual(['person-9500000001', 'person-9500000009', 'person-9500000002']);
  });
});
