import { randomUUID } from 'node:crypto';
import {
  BatchConflictError,
  KeyAlreadyClaimedError,
  WrongExpectedRevisionError,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '../event-store.port.js';
import { computeEventHash, GENESIS_HASH } from '../hash-chain.js';
import { testEvent } from './test-event.js';

/**
 * The behaviour every event-store adapter must show, run by each adapter's own spec:
 *
 *     eventStoreContract('SqliteEventStore', async () => SqliteEventStore.open(tempFile()));
 *
 * `open` may return a fresh store or a shared one: every test uses stream ids, event ids, command keys
 * and event types of its own. It assumes nobody else writes to the store while one test runs (positions
 * and limits are checked exactly), so run it against a store of its own.
 */
export function eventStoreContract(
  name: string,
  open: () => Promise<EventStore>,
  close: (store: EventStore) => Promise<void> = (store) => store.close(),
): void {
  describe(`${name} honours the event-store contract`, () => {
    let store: EventStore;
    let run: string;

    beforeEach(async () => {
      store = await open();
      run = randomUUID().slice(0, 8);
    });
    afterEach(async () => {
      await close(store);
    });

    const streamId = (label: string): string => `contract${run}-${label}`;
    const eventType = (label: string): string => `Contract${label}${run}`;
    const newEvent = (label: string, data: unknown = { label }, type = eventType('Noted')): NewEvent => {
      const eventId = `${run}-${label}`;
      return testEvent(eventId, { data, type, context: { actor: 'key-contract', source: 'import', correlationId: `corr-${run}`, causationId: `cause-${eventId}` } });
    };
    const ids = (events: readonly RecordedEvent[]): string[] => events.map((event) => event.eventId);

    describe('appending and reading one stream', () => {
      it('numbers the first event revision 0 and reads events back in append order', async () => {
        const stream = streamId('order');
        const first = await store.append({ streamId: stream, expectedRevision: 'no_stream', events: [newEvent('a'), newEvent('b')] });
        const second = await store.append({ streamId: stream, expectedRevision: 1, events: [newEvent('c')] });

        expect(first.streamId).toBe(stream);
        expect(first.events.map((event) => event.revision)).toEqual([0, 1]);
        expect(first.revision).toBe(1);
        expect(first.position).toBe(first.events[1]!.position);
        expect(second.revision).toBe(2);
        expect(second.events[0]!.revision).toBe(2);

        const read = await store.readStream(stream);
        expect(ids(read)).toEqual([`${run}-a`, `${run}-b`, `${run}-c`]);
        expect(read.map((event) => event.revision)).toEqual([0, 1, 2]);
        expect(read).toEqual([...first.events, ...second.events]);
      });

      it('reads a stream from a revision with a limit, and an unknown stream as empty', async () => {
        const stream = streamId('paged');
        await store.append({ streamId: stream, expectedRevision: 'no_stream', events: ['a', 'b', 'c', 'd', 'e'].map((label) => newEvent(label)) });

        expect((await store.readStream(stream, { fromRevision: 2, limit: 2 })).map((event) => event.revision)).toEqual([2, 3]);
        expect((await store.readStream(stream, { fromRevision: 3 })).map((event) => event.revision)).toEqual([3, 4]);
        expect(await store.readStream(stream, { fromRevision: 5 })).toEqual([]);
        expect(await store.readStream(streamId('never-written'))).toEqual([]);
      });

      it("accepts 'any' on a new stream and on an existing one", async () => {
        const stream = streamId('any');
        expect((await store.append({ streamId: stream, expectedRevision: 'any', events: [newEvent('a')] })).revision).toBe(0);
        expect((await store.append({ streamId: stream, expectedRevision: 'any', events: [newEvent('b')] })).revision).toBe(1);
      });
    });

    describe('optimistic concurrency', () => {
      it("refuses 'no_stream' on a stream that exists, naming its actual revision, and writes nothing", async () => {
        const stream = streamId('exists');
        await store.append({ streamId: stream, expectedRevision: 'no_stream', events: [newEvent('a'), newEvent('b')] });

        const error = await caught(store.append({ streamId: stream, expectedRevision: 'no_stream', events: [newEvent('c')] }));

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: stream, expected: 'no_stream', actual: 1 });
        expect(ids(await store.readStream(stream))).toEqual([`${run}-a`, `${run}-b`]);
        expect(await store.findEvent(`${run}-c`)).toBeUndefined();
      });

      it('refuses a stale exact revision, naming the actual one', async () => {
        const stream = streamId('stale');
        await store.append({ streamId: stream, expectedRevision: 'no_stream', events: [newEvent('a'), newEvent('b'), newEvent('c')] });

        const error = await caught(store.append({ streamId: stream, expectedRevision: 0, events: [newEvent('d')] }));

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: stream, expected: 0, actual: 2 });
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it("reports 'no_stream' as the actual revision of a stream that does not exist", async () => {
        const stream = streamId('missing');
        const error = await caught(store.append({ streamId: stream, expectedRevision: 0, events: [newEvent('a')] }));

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: stream, expected: 0, actual: 'no_stream' });
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describe('idempotency key claims', () => {
      it('records the claimed key against the last event of the append', async () => {
        const stream = streamId('claimed');
        const result = await store.append({
          streamId: stream,
          expectedRevision: 'no_stream',
          events: [newEvent('a'), newEvent('b')],
          claim: { commandKey: `key-${run}`, contentHash: 'content-1' },
        });

        expect(await store.findKey(`key-${run}`)).toEqual({
          commandKey: `key-${run}`,
          contentHash: 'content-1',
          eventId: `${run}-b`,
          streamId: stream,
          revision: 1,
          position: result.position,
        });
      });

      it('refuses a second claim on the same key with the existing record, and writes nothing', async () => {
        const claim = { commandKey: `key-${run}`, contentHash: 'content-1' };
        const first = await store.append({ streamId: streamId('one'), expectedRevision: 'no_stream', events: [newEvent('a')], claim });

        const error = await caught(
          store.append({ streamId: streamId('two'), expectedRevision: 'no_stream', events: [newEvent('b')], claim: { ...claim, contentHash: 'content-2' } }),
        );

        expect(error).toBeInstanceOf(KeyAlreadyClaimedError);
        expect((error as KeyAlreadyClaimedError).existing).toEqual({
          commandKey: `key-${run}`,
          contentHash: 'content-1',
          eventId: `${run}-a`,
          streamId: streamId('one'),
          revision: 0,
          position: first.position,
        });
        expect(await store.readStream(streamId('two'))).toEqual([]);
        expect(await store.findEvent(`${run}-b`)).toBeUndefined();
      });

      it('lets a new event take the key only when it releases the event holding it', async () => {
        const stream = streamId('released');
        const commandKey = `key-${run}`;
        await store.append({ streamId: stream, expectedRevision: 'no_stream', events: [newEvent('a')], claim: { commandKey, contentHash: 'content-1' } });

        const wrongRelease = await caught(
          store.append({ streamId: stream, expectedRevision: 0, events: [newEvent('b')], claim: { commandKey, contentHash: 'content-2', releasing: `${run}-other` } }),
        );
        expect(wrongRelease).toBeInstanceOf(KeyAlreadyClaimedError);
        expect(await store.readStream(stream)).toHaveLength(1);

        const released = await store.append({
          streamId: stream,
          expectedRevision: 0,
          events: [newEvent('b')],
          claim: { commandKey, contentHash: 'content-2', releasing: `${run}-a` },
        });
        expect(await store.findKey(commandKey)).toEqual({
          commandKey,
          contentHash: 'content-2',
          eventId: `${run}-b`,
          streamId: stream,
          revision: 1,
          position: released.position,
        });

        // The old holder no longer releases it: the key now belongs to event b.
        const staleRelease = await caught(
          store.append({ streamId: stream, expectedRevision: 1, events: [newEvent('c')], claim: { commandKey, contentHash: 'content-3', releasing: `${run}-a` } }),
        );
        expect(staleRelease).toBeInstanceOf(KeyAlreadyClaimedError);
        expect((staleRelease as KeyAlreadyClaimedError).existing.eventId).toBe(`${run}-b`);
      });

      it('finds no record for a key never claimed and no event for an unknown id', async () => {
        expect(await store.findKey(`key-${run}-never`)).toBeUndefined();
        expect(await store.findEvent(`${run}-never`)).toBeUndefined();
      });
    });

    describe('the global log', () => {
      it('orders events of all streams by commit order with strictly increasing positions', async () => {
        const a1 = await store.append({ streamId: streamId('A'), expectedRevision: 'no_stream', events: [newEvent('a1')] });
        const b1 = await store.append({ streamId: streamId('B'), expectedRevision: 'no_stream', events: [newEvent('b1'), newEvent('b2')] });
        const a2 = await store.append({ streamId: streamId('A'), expectedRevision: 0, events: [newEvent('a2')] });

        const all = await store.readAll({ fromPosition: a1.events[0]!.position });

        expect(ids(all)).toEqual([`${run}-a1`, `${run}-b1`, `${run}-b2`, `${run}-a2`]);
        const positions = all.map((event) => event.position);
        expect(positions).toEqual([a1.position, b1.events[0]!.position, b1.position, a2.position]);
        for (let i = 1; i < positions.length; i++) expect(positions[i]!).toBeGreaterThan(positions[i - 1]!);
        expect(await store.headPosition()).toBe(a2.position);
      });

      it('reads from a position, with a limit and a type filter', async () => {
        const [typeA, typeB] = [eventType('A'), eventType('B')];
        const labels = ['e1', 'e2', 'e3', 'e4', 'e5'];
        const result = await store.append({
          streamId: streamId('mixed'),
          expectedRevision: 'no_stream',
          events: labels.map((label, i) => newEvent(label, { i }, i % 2 === 0 ? typeA : typeB)),
        });
        const [p1, p2, p3] = result.events.map((event) => event.position);

        expect(ids(await store.readAll({ fromPosition: p2, limit: 2 }))).toEqual([`${run}-e2`, `${run}-e3`]);
        expect(ids(await store.readAll({ fromPosition: p1, types: [typeA] }))).toEqual([`${run}-e1`, `${run}-e3`, `${run}-e5`]);
        expect(ids(await store.readAll({ fromPosition: p3, types: [typeB] }))).toEqual([`${run}-e4`]);
        expect(ids(await store.readAll({ fromPosition: p1, types: [typeA, typeB], limit: 4 }))).toEqual(
          labels.slice(0, 4).map((label) => `${run}-${label}`),
        );
        expect(ids(await store.readAll({ fromPosition: p1, types: [eventType('Unused')] }))).toEqual([]);
        expect(await store.readAll({ fromPosition: result.position + 1 })).toEqual([]);
      });

      it('finds an event by id exactly as the stream holds it', async () => {
        const result = await store.append({ streamId: streamId('find'), expectedRevision: 'no_stream', events: [newEvent('a'), newEvent('b')] });
        const [, read] = await store.readStream(streamId('find'));

        expect(await store.findEvent(`${run}-b`)).toStrictEqual(read);
        expect(read!.position).toBe(result.position);
      });
    });

    describe('appendMany', () => {
      it('appends to several streams in one call and answers each request in order', async () => {
        const results = await store.appendMany([
          { streamId: streamId('m1'), expectedRevision: 'no_stream', events: [newEvent('a')] },
          { streamId: streamId('m2'), expectedRevision: 'no_stream', events: [newEvent('b'), newEvent('c')], claim: { commandKey: `key-${run}`, contentHash: 'h' } },
        ]);

        expect(results.map((result) => [result.streamId, result.revision])).toEqual([[streamId('m1'), 0], [streamId('m2'), 1]]);
        expect(results[1]!.position).toBeGreaterThan(results[0]!.position);
        expect(ids(await store.readAll({ fromPosition: results[0]!.position }))).toEqual([`${run}-a`, `${run}-b`, `${run}-c`]);
        expect((await store.findKey(`key-${run}`))?.eventId).toBe(`${run}-c`);
      });

      it('writes nothing of the batch when its third request has a stale revision', async () => {
        await store.append({ streamId: streamId('taken'), expectedRevision: 'no_stream', events: [newEvent('x')] });
        const head = await store.headPosition();

        const error = await caught(
          store.appendMany([
            { streamId: streamId('n1'), expectedRevision: 'no_stream', events: [newEvent('a')], claim: { commandKey: `key-${run}-a`, contentHash: 'h' } },
            { streamId: streamId('n2'), expectedRevision: 'no_stream', events: [newEvent('b')] },
            { streamId: streamId('taken'), expectedRevision: 'no_stream', events: [newEvent('c')] },
            { streamId: streamId('n4'), expectedRevision: 'no_stream', events: [newEvent('d')] },
          ]),
        );

        expect(error).toBeInstanceOf(BatchConflictError);
        expect((error as BatchConflictError).index).toBe(2);
        expect((error as BatchConflictError).cause).toBeInstanceOf(WrongExpectedRevisionError);
        expect((error as BatchConflictError).cause).toMatchObject({ streamId: streamId('taken'), actual: 0 });
        expect(await store.readStream(streamId('n1'))).toEqual([]);
        expect(await store.readStream(streamId('n2'))).toEqual([]);
        expect(await store.findEvent(`${run}-a`)).toBeUndefined();
        expect(await store.findKey(`key-${run}-a`)).toBeUndefined();
        expect(await store.headPosition()).toBe(head);
        expect(ids(await store.readStream(streamId('taken')))).toEqual([`${run}-x`]);
      });

      it('writes nothing of the batch when its third request claims a key already held', async () => {
        const held = await store.append({
          streamId: streamId('holder'),
          expectedRevision: 'no_stream',
          events: [newEvent('x')],
          claim: { commandKey: `key-${run}`, contentHash: 'h' },
        });

        const error = await caught(
          store.appendMany([
            { streamId: streamId('n1'), expectedRevision: 'no_stream', events: [newEvent('a')] },
            { streamId: streamId('n2'), expectedRevision: 'no_stream', events: [newEvent('b')] },
            { streamId: streamId('n3'), expectedRevision: 'no_stream', events: [newEvent('c')], claim: { commandKey: `key-${run}`, contentHash: 'h' } },
          ]),
        );

        expect(error).toBeInstanceOf(BatchConflictError);
        expect((error as BatchConflictError).index).toBe(2);
        expect((error as BatchConflictError).cause).toBeInstanceOf(KeyAlreadyClaimedError);
        expect(((error as BatchConflictError).cause as KeyAlreadyClaimedError).existing.position).toBe(held.position);
        expect(await store.readStream(streamId('n1'))).toEqual([]);
        expect(await store.readStream(streamId('n2'))).toEqual([]);
        expect(await store.headPosition()).toBe(held.position);
      });
    });

    describe('appendEach (group commit)', () => {
      it('appends each request on its own: a conflict refuses only its request', async () => {
        await store.append({ streamId: streamId('e-taken'), expectedRevision: 'no_stream', events: [newEvent('x')] });
        const outcomes = await store.appendEach([
          { streamId: streamId('e1'), expectedRevision: 'no_stream', events: [newEvent('a')], claim: { commandKey: `key-${run}-e1`, contentHash: 'h' } },
          { streamId: streamId('e-taken'), expectedRevision: 'no_stream', events: [newEvent('b')] },
          { streamId: streamId('e2'), expectedRevision: 'no_stream', events: [newEvent('c'), newEvent('d')] },
          { streamId: streamId('e3'), expectedRevision: 'no_stream', events: [newEvent('e')], claim: { commandKey: `key-${run}-e1`, contentHash: 'h' } },
        ]);

        expect(outcomes.map((outcome) => (outcome instanceof Error ? outcome.name : [outcome.streamId, outcome.revision]))).toEqual([
          [streamId('e1'), 0], 'WrongExpectedRevisionError', [streamId('e2'), 1], 'KeyAlreadyClaimedError',
        ]);
        expect(ids(await store.readStream(streamId('e-taken')))).toEqual([`${run}-x`]);
        expect(ids(await store.readStream(streamId('e2')))).toEqual([`${run}-c`, `${run}-d`]);
        expect(await store.readStream(streamId('e3'))).toEqual([]);
        expect((await store.findKey(`key-${run}-e1`))?.eventId).toBe(`${run}-a`);
      });
    });

    describe('exact round trip', () => {
      const data = {
        amount: '1000000000000000000',
        zero: '0',
        name: 'Bưu điện Hướng Hóa',
        headcount: { socialInsurance: 120, healthInsurance: 0, unemploymentInsurance: 9007199254740991 },
        payer: { kind: 'employer', unitCode: 'TA0001', nested: { deeper: ['a', 1, true, null, { amount: '12' }] } },
        refused: false,
        taxCode: null,
        lines: [],
        extra: {},
      };

      it('returns data and metadata exactly as appended, from every read', async () => {
        const stream = streamId('exact');
        const appended = newEvent('exact', data, eventType('Exact'));
        appended.metadata.actor = 'Nguyễn Văn Đức';
        const result = await store.append({ streamId: stream, expectedRevision: 'no_stream', events: [appended] });
        const expected = {
          eventId: appended.eventId,
          type: appended.type,
          streamId: stream,
          revision: 0,
          position: result.position,
          data,
          metadata: { ...appended.metadata, prevHash: GENESIS_HASH, hash: result.events[0]!.metadata.hash },
        };

        const [fromStream] = await store.readStream(stream);
        const [fromLog] = await store.readAll({ fromPosition: result.position, limit: 1 });
        const found = await store.findEvent(appended.eventId);
        for (const read of [fromStream, fromLog, found]) {
          expect(read).toStrictEqual(expected);
          const readData = read!.data as typeof data;
          expect(typeof readData.amount).toBe('string');
          expect(typeof readData.zero).toBe('string');
          expect(Number.isInteger(readData.headcount.socialInsurance)).toBe(true);
        }
        expect(result.events[0]).toEqual(expected);
      });
    });

    describe('hash chain', () => {
      it('links each event of a stream to the previous one, from GENESIS, with hashes that recompute', async () => {
        const stream = streamId('chain');
        const other = streamId('chain-other');
        await store.append({ streamId: stream, expectedRevision: 'no_stream', events: [newEvent('c0')] });
        await store.append({ streamId: other, expectedRevision: 'no_stream', events: [newEvent('o0')] });
        await store.append({ streamId: stream, expectedRevision: 0, events: [newEvent('c1'), newEvent('c2')] });
        await store.append({ streamId: other, expectedRevision: 0, events: [newEvent('o1')] });
        await store.append({ streamId: stream, expectedRevision: 2, events: [newEvent('c3')] });

        for (const id of [stream, other]) {
          const events = await store.readStream(id);
          expect(events[0]!.metadata.prevHash).toBe(GENESIS_HASH);
          events.forEach((event, i) => {
            expect(event.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
            expect(event.metadata.hash).toBe(computeEventHash(event));
            if (i > 0) expect(event.metadata.prevHash).toBe(events[i - 1]!.metadata.hash);
          });
        }
        expect(await store.readStream(stream)).toHaveLength(4);
      });

      it('gives the append result the same hashes the reads return', async () => {
        const result = await store.append({ streamId: streamId('same'), expectedRevision: 'no_stream', events: [newEvent('a'), newEvent('b')] });
        const read = await store.readStream(streamId('same'));

        expect(read.map((event) => event.metadata.hash)).toEqual(result.events.map((event) => event.metadata.hash));
        expect(result.events[1]!.metadata.prevHash).toBe(result.events[0]!.metadata.hash);
      });
    });
  });
}

/** The error a promise rejects with; fails the test if it resolves. */
async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}
