import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storedRows } from '../testing/stored-rows.js';
import { BatchConflictError, type AppendRequest, type NewEvent } from '../event-store.port.js';
import { SqliteEventStore } from './sqlite-event-store.js';

/**
 * appendMany keeps each stream's head in memory for the whole batch and writes the `streams` rows
 * once, at the end (stream-heads.ts). Nothing would notice if that drifted from what one append at
 * a time writes — the chain would simply be different — so the two are compared row for row here.
 */
const workDir = mkdtempSync(join(tmpdir(), 'socai-batched-append-'));
let fileCount = 0;
const freshFile = (): string => join(workDir, `store-${++fileCount}.sqlite`);
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function newEvent(eventId: string, extra: Record<string, unknown> = {}): NewEvent {
  return {
    eventId,
    type: 'Noted',
    data: { eventId, amount: '1250000.50', note: 'Công ty "A"\n', ...extra },
    metadata: {
      eventId, recordedAt: '2025-07-01T08:00:00.000Z', actor: 'import', role: 'admin', source: 'import',
      correlationId: 'corr', causationId: 'cause', commandKey: `cmd-${eventId}`, schemaVersion: 1,
    },
  };
}

/** Requests on a few streams, each stream written several times in one batch, some with two events. */
function requests(): AppendRequest[] {
  const revisions = new Map<string, number>();
  const out: AppendRequest[] = [];
  for (let i = 0; i < 60; i++) {
    const streamId = `s-${i % 7}`;
    const events = i % 5 === 0 ? [newEvent(`e${i}a`), newEvent(`e${i}b`, { nested: { z: 1, a: [i] } })] : [newEvent(`e${i}`)];
    const revision = revisions.get(streamId) ?? -1;
    out.push({
      streamId,
      expectedRevision: revision < 0 ? 'no_stream' : revision,
      events,
      claim: i % 3 === 0 ? undefined : { commandKey: `key-${i}`, contentHash: `hash-${i}` },
    });
    revisions.set(streamId, revision + events.length);
  }
  return out;
}

describe('SqliteEventStore.appendMany (batched stream heads)', () => {
  it('writes the same events, hashes, stream heads and keys as one append at a time', () => {
    const batchedFile = freshFile();
    const singleFile = freshFile();
    const batched = SqliteEventStore.open(batchedFile);
    const single = SqliteEventStore.open(singleFile);
    const all = requests();
    // Two batches, so the second starts from heads the first wrote to the table.
    const batchedResults = [...batched.appendManySync(all.slice(0, 25)), ...batched.appendManySync(all.slice(25))];
    const singleResults = all.map((request) => single.appendSync(request));
    batched.closeSync();
    single.closeSync();

    expect(batchedResults).toEqual(singleResults);
    expect(storedRows(batchedFile)).toEqual(storedRows(singleFile));
  });

  it('leaves the stream heads untouched when a later request of the batch conflicts', () => {
    const file = freshFile();
    const store = SqliteEventStore.open(file);
    store.appendSync({ streamId: 's-0', expectedRevision: 'no_stream', events: [newEvent('first')] });
    const before = storedRows(file);
    expect(() =>
      store.appendManySync([
        { streamId: 's-0', expectedRevision: 0, events: [newEvent('second')] },
        { streamId: 's-1', expectedRevision: 'no_stream', events: [newEvent('other')] },
        { streamId: 's-0', expectedRevision: 0, events: [newEvent('stale')] },
      ]),
    ).toThrow(BatchConflictError);
    // The next append continues the chain from the head that was committed, not from the lost batch.
    const next = store.appendSync({ streamId: 's-0', expectedRevision: 0, events: [newEvent('second')] });
    store.closeSync();

    expect(before.events).toHaveLength(1);
    expect(next.events[0]!.metadata.prevHash).toBe((before.events[0] as { metadata: string }).metadata.match(/"hash":"(\w+)"/)![1]);
    expect(storedRows(file).streams).toEqual([{ stream_id: 's-0', revision: 1, last_hash: next.events[0]!.metadata.hash }]);
  });
});
