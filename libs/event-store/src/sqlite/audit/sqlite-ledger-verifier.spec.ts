import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EsdbEventStore } from '../../esdb/esdb-event-store.js';
import { VerifierUnavailableError, verifierOf } from '../../ledger-verifier.port.js';
import { testEvent } from '../../testing/test-event.js';
import { SqliteEventStore } from '../sqlite-event-store.js';

const workDir = mkdtempSync(join(tmpdir(), 'socai-ledger-verifier-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const noted = (eventId: string, amount: string) => testEvent(eventId, { data: { amount } });

/** Three events over two streams, appended through the store itself. */
async function threeEvents(store: SqliteEventStore): Promise<void> {
  await store.append({ streamId: 'employer-A', expectedRevision: 'no_stream', events: [noted('e1', '100')] });
  await store.append({ streamId: 'employer-B', expectedRevision: 'no_stream', events: [noted('e2', '200')] });
  await store.append({ streamId: 'employer-A', expectedRevision: 0, events: [noted('e3', '300')] });
}

describe('the audit port: the store offers its verifier, or declares it has none', () => {
  it('the SQLite store verifies its own file on a connection of its own, and finds an edited byte', async () => {
    const file = join(workDir, 'events.sqlite');
    const store = SqliteEventStore.open(file);
    await threeEvents(store);
    expect(await verifierOf(store).verify()).toEqual({ ok: true, eventsChecked: 3, checkpointsChecked: 0 });
    await store.close();

    const db = new Database(file);
    db.prepare("UPDATE events SET data = replace(data, '200', '201') WHERE position = 2").run();
    db.close();
    const reopened = SqliteEventStore.open(file);
    try {
      const report = await verifierOf(reopened).verify();
      expect(report).toMatchObject({ ok: false, firstBadPosition: 2, streamId: 'employer-B', checkpointsChecked: 0 });
      expect(report.reason).toContain('does not match its hash');
    } finally {
      await reopened.close();
    }
  });

  it('an in-memory SQLite store verifies on its one connection', async () => {
    const store = SqliteEventStore.open(':memory:');
    try {
      await threeEvents(store);
      expect(await verifierOf(store).verify()).toEqual({ ok: true, eventsChecked: 3, checkpointsChecked: 0 });
    } finally {
      await store.close();
    }
  });

  it('the EventStoreDB adapter declares no verifier, and asking for one names it (no server is contacted)', async () => {
    const store = EsdbEventStore.connect('esdb://127.0.0.1:1?tls=false');
    try {
      expect(store.verifier).toBeUndefined();
      expect(() => verifierOf(store)).toThrow(VerifierUnavailableError);
      expect(() => verifierOf(store)).toThrow('EsdbEventStore offers no ledger verifier: socai verify checks the embedded SQLite log');
    } finally {
      await store.close();
    }
  });
});
