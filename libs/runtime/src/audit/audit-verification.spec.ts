import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, VerifierUnavailableError } from '#event-store';
import { testEvent } from '#event-store/testing';
import { verifyLedger, verifyStore } from './audit-verification.js';

describe('verification goes through the store port', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'socai-verify-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('an EventStoreDB ledger is refused by name, not answered "intact, 0 events" (no server is contacted)', async () => {
    const config = { dataDir, eventStore: 'esdb://127.0.0.1:1?tls=false' };
    await expect(verifyLedger(config, { env: {} })).rejects.toThrow(VerifierUnavailableError);
    await expect(verifyLedger(config, { env: {} })).rejects.toThrow('DeferredEsdbStore offers no ledger verifier: socai verify checks the embedded SQLite log');
  });

  it('the embedded store: the same report from the open store and from its file', async () => {
    const store = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
    try {
      await store.append({ streamId: 'employer-A', expectedRevision: 'no_stream', events: [testEvent('e1')] });
      expect(await verifyStore(store, { dataDir }, { env: {} })).toEqual({ ok: true, eventsChecked: 1, checkpointsChecked: 0 });
      expect(await verifyLedger({ dataDir, eventStore: 'sqlite' }, { env: {} })).toEqual({ ok: true, eventsChecked: 1, checkpointsChecked: 0 });
    } finally {
      await store.close();
    }
  });

  it('a data dir with no log yet is an empty, intact ledger, as before', async () => {
    expect(await verifyLedger({ dataDir }, { env: {} })).toEqual({ ok: true, eventsChecked: 0, checkpointsChecked: 0 });
  });
});
