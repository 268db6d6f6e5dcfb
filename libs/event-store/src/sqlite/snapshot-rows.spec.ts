import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AppendRequest, StateSnapshot } from '../event-store.port.js';
import { SqliteEventStore } from './sqlite-event-store.js';

/**
 * Decision-state snapshots in the store's file (`state_snapshots`, migration 3): written with the next
 * append's commit, on this thread and on the writer thread (driven through dist/, as writer-thread.spec.ts).
 */
const DIST_STORE = join(process.cwd(), 'dist', 'libs', 'event-store', 'src', 'sqlite', 'sqlite-event-store.js');
const workDir = mkdtempSync(join(tmpdir(), 'socai-snapshot-rows-'));
let fileCount = 0;
const freshFile = (): string => join(workDir, `store-${++fileCount}`, 'events.sqlite');
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const append = (streamId: string, n: number): AppendRequest => {
  const eventId = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    streamId, expectedRevision: 'any',
    events: [{ eventId, type: 'Noted', data: { n }, metadata: { eventId, recordedAt: '2025-07-01T08:00:00.000Z', actor: 'spec', role: 'clerk', source: 'cli', correlationId: 'c', causationId: 'c', commandKey: `k-${n}`, schemaVersion: 1 } }],
  };
};
const snapshot = (streamId: string, revision: number, format = 1): StateSnapshot => ({ streamId, revision, format, state: `{"at":${revision}}` });
const rowsOf = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT stream_id AS streamId, revision, format, state FROM state_snapshots ORDER BY stream_id').all();
  } finally {
    db.close();
  }
};

describe.each([
  ['on this thread', async () => SqliteEventStore],
  ['on the writer thread', async () => {
    if (!existsSync(DIST_STORE)) throw new Error(`${DIST_STORE} is missing: run npm run build (npm test does)`);
    return ((await import(DIST_STORE)) as { SqliteEventStore: typeof SqliteEventStore }).SqliteEventStore;
  }],
])('SqliteEventStore snapshots %s', (_where, storeClass) => {
  it('keeps them waiting (readable) until an append commits them, the newest of a stream, never replacing a newer one of the same format', async () => {
    const Store = await storeClass();
    const file = freshFile();
    const store = Store.open(file);
    try {
      store.saveSnapshots([snapshot('employer-A', 3), snapshot('employer-A', 7), snapshot('employer-A', 5), snapshot('person-B', 4)]);
      expect(store.readSnapshotSync('employer-A')).toEqual(snapshot('employer-A', 7));
      expect(rowsOf(file)).toEqual([]);
      expect(store.snapshotStreamsSync().sort()).toEqual(['employer-A', 'person-B']);
      await store.append(append('employer-A', 1));
      expect(store.snapshotStreamsSync().sort()).toEqual(['employer-A', 'person-B']);
      expect(rowsOf(file)).toEqual([snapshot('employer-A', 7), snapshot('person-B', 4)]);
      store.saveSnapshots([snapshot('employer-A', 6), snapshot('person-B', 4, 2)]);
      await store.appendMany([append('employer-A', 2)]);
      // An older one of the same format does not replace; one of another format does.
      expect(rowsOf(file)).toEqual([snapshot('employer-A', 7), snapshot('person-B', 4, 2)]);
      expect(await store.readSnapshot('employer-A')).toEqual(snapshot('employer-A', 7));
      expect(await store.readSnapshot('nobody')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('writes what waits when it closes, and alone once too many wait; a batch that conflicts loses them', async () => {
    const Store = await storeClass();
    const file = freshFile();
    const store = Store.open(file);
    store.saveSnapshots([snapshot('employer-A', 1)]);
    // A batch is all or nothing: its conflict rolls back the snapshots that rode along.
    await expect(store.appendMany([{ ...append('employer-A', 1), expectedRevision: 4 }])).rejects.toThrow('expected revision 4');
    expect(rowsOf(file)).toEqual([]);
    store.saveSnapshots(Array.from({ length: 2_000 }, (_, n) => snapshot(`person-${String(n).padStart(4, '0')}`, 4)));
    store.saveSnapshots([snapshot('employer-A', 2)]);
    await store.close();
    const rows = rowsOf(file);
    expect(rows).toHaveLength(2_001);
    expect(rows[0]).toEqual(snapshot('employer-A', 2));
  });
});
