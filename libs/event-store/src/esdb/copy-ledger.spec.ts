import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NewEvent } from '../event-store.port.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { ChainMismatchError, copyLedger, verifyCopy } from './copy-ledger.js';

const dir = mkdtempSync(join(tmpdir(), 'socai-copy-'));
let files = 0;
const fresh = (): { file: string; store: SqliteEventStore } => {
  const file = join(dir, `store-${++files}.sqlite`);
  return { file, store: SqliteEventStore.open(file) };
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function newEvent(eventId: string, commandKey: string, data: unknown): NewEvent {
  return {
    eventId,
    type: 'Noted',
    data,
    metadata: { eventId, recordedAt: '2025-07-01T08:00:00.000Z', actor: 'key-1', role: 'clerk', source: 'import', correlationId: 'c', causationId: 'c', commandKey, schemaVersion: 1 },
  };
}

/** Two streams interleaved, a two-event append, and a key freed by a reversal and claimed again. */
async function seed(store: SqliteEventStore): Promise<void> {
  await store.append({ streamId: 'employer-A', expectedRevision: 'no_stream', events: [newEvent('a0', 'k-a0', { amount: '100' })], claim: { commandKey: 'k-a0', contentHash: 'h-a0' } });
  await store.append({ streamId: 'employer-B', expectedRevision: 'no_stream', events: [newEvent('b0', 'k-b', { amount: '5' }), newEvent('b1', 'k-b', { amount: '6' })], claim: { commandKey: 'k-b', contentHash: 'h-b' } });
  await store.append({ streamId: 'employer-A', expectedRevision: 0, events: [newEvent('a1', 'k-period', { amount: '200' })], claim: { commandKey: 'k-period', contentHash: 'h-1' } });
  await store.append({ streamId: 'employer-A', expectedRevision: 1, events: [newEvent('a2', 'k-period', { amount: '250' })], claim: { commandKey: 'k-period', contentHash: 'h-2', releasing: 'a1' } });
}

describe('copyLedger', () => {
  it('copies every event in order with the same ids, data, metadata, hashes and key holders', async () => {
    const source = fresh().store;
    const target = fresh().store;
    await seed(source);

    const summary = await copyLedger(source, target);

    expect(summary).toEqual({ copied: 5, alreadyPresent: 0, streams: 2 });
    const strip = (events: { position: number }[]) => events.map(({ position: _position, ...rest }) => rest);
    expect(strip(await target.readAll())).toEqual(strip(await source.readAll()));
    expect(await verifyCopy(source, target)).toBe(5);
    expect((await target.findKey('k-b'))?.eventId).toBe('b1');
    expect(await target.findKey('k-period')).toMatchObject({ eventId: 'a2', contentHash: 'h-2' });
    expect((await target.findKey('k-a0'))?.contentHash).toBe('h-a0');
    source.closeSync();
    target.closeSync();
  });

  it('resumes an interrupted copy, skipping what the target already holds', async () => {
    const source = fresh().store;
    const target = fresh().store;
    await seed(source);
    const [first] = await source.readStream('employer-A', { limit: 1 });
    await target.append({ streamId: 'employer-A', expectedRevision: 'no_stream', events: [newEvent('a0', 'k-a0', first!.data)], claim: { commandKey: 'k-a0', contentHash: 'h-a0' } });

    expect(await copyLedger(source, target)).toEqual({ copied: 4, alreadyPresent: 1, streams: 2 });
    expect(await copyLedger(source, target)).toEqual({ copied: 0, alreadyPresent: 5, streams: 2 });
    expect(await verifyCopy(source, target)).toBe(5);
    source.closeSync();
    target.closeSync();
  });

  it('stops on a source event whose stored data no longer matches its hash', async () => {
    const { file, store: source } = fresh();
    const target = fresh().store;
    await seed(source);
    source.closeSync();
    const db = new Database(file);
    db.prepare(`UPDATE events SET data = '{"amount":"999"}' WHERE event_id = 'a1'`).run();
    db.close();
    const tampered = SqliteEventStore.open(file);

    const error = await copyLedger(tampered, target).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ChainMismatchError);
    expect((error as Error).message).toMatch(/^employer-A@1: source hash [0-9a-f]{64} does not recompute/);
    // A page of the source is verified before any of it is sent.
    expect(await target.readAll()).toHaveLength(0);
    tampered.closeSync();
    target.closeSync();
  });

  it('sends consecutive events of a stream as one append, several streams at a time, and keeps each stream’s order', async () => {
    const source = fresh().store;
    const target = fresh().store;
    for (let i = 0; i < 6; i++) {
      const stream = `employer-${i % 3}`;
      const revision = Math.floor(i / 3);
      await source.append({ streamId: stream, expectedRevision: revision === 0 ? 'no_stream' : revision - 1, events: [newEvent(`${stream}-${revision}`, `k-${i}`, { amount: String(i) })] });
    }
    await source.append({ streamId: 'employer-9', expectedRevision: 'no_stream', events: [newEvent('n0', 'k-n', { amount: '1' }), newEvent('n1', 'k-n', { amount: '2' })] });
    await source.append({ streamId: 'employer-9', expectedRevision: 1, events: [newEvent('n2', 'k-n2', { amount: '3' })], claim: { commandKey: 'k-n2', contentHash: 'h-n2' } });
    const appends: number[] = [];
    const counting = new Proxy(target, {
      get: (store, name) => (name === 'append' ? (request: { events: unknown[] }) => (appends.push(request.events.length), store.append(request as never)) : Reflect.get(store, name, store)),
    });

    expect(await copyLedger(source, counting, { inFlight: 4 })).toEqual({ copied: 9, alreadyPresent: 0, streams: 4 });
    expect(appends).toEqual([1, 1, 1, 1, 1, 1, 3]);
    expect(await verifyCopy(source, target)).toBe(9);
    for (const stream of ['employer-0', 'employer-1', 'employer-2']) {
      expect((await target.readStream(stream)).map((event) => event.eventId)).toEqual([`${stream}-0`, `${stream}-1`]);
    }
    expect((await target.findKey('k-n2'))?.eventId).toBe('n2');
    source.closeSync();
    target.closeSync();
  });

  it('stops when the target already holds a different event at a revision', async () => {
    const source = fresh().store;
    const target = fresh().store;
    await seed(source);
    await target.append({ streamId: 'employer-B', expectedRevision: 'no_stream', events: [newEvent('other', 'k-other', { amount: '1' })] });

    const error = await copyLedger(source, target).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ChainMismatchError);
    expect((error as Error).message).toContain('employer-B@0: the target already holds event other there');
    source.closeSync();
    target.closeSync();
  });
});
