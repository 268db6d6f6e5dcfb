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
    expect(await target.readStream('employer-A')).toHaveLength(1);
    tampered.closeSync();
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
