import { SqliteEventStore, type NewEvent } from '#event-store';
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
    await person('9500000001', 3);
    await person('9500000002', 3);
    await person('9500000003', 4);
  });
  afterEach(() => store.close());

  it('folds a stream once and answers from memory while its events fit', async () => {
    const states = new StreamStates(store, 10);
    for (const id of ['9500000001', '9500000002', '9500000003', '9500000001', '9500000003']) await states.load(`person-${id}`);
    expect(reads).toEqual(['person-9500000001', 'person-9500000002', 'person-9500000003']);
    const loaded = await states.load('person-9500000003');
    expect([loaded.revision, loaded.state.kind === 'person' && loaded.state.cards.length]).toEqual([3, 4]);
  });

  it('evicts the least recently used states once the events they hold pass the capacity', async () => {
    const states = new StreamStates(store, 7);
    await states.load('person-9500000001'); // 3 held
    await states.load('person-9500000002'); // 6 held
    await states.load('person-9500000001'); // most recent now
    await states.load('person-9500000003'); // 10 > 7: 9500000002 (3) goes, 7 held
    reads = [];
    await states.load('person-9500000001');
    await states.load('person-9500000003');
    await states.load('person-9500000002');
    expect(reads).toEqual(['person-9500000002']);
  });

  it('keeps the state just loaded even when it alone is larger than the capacity', async () => {
    const states = new StreamStates(store, 2);
    await states.load('person-9500000003');
    await states.load('person-9500000003');
    expect(reads).toEqual(['person-9500000003']);
  });
});
