import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { openReadModels } from './open-read-models.js';
import { contractScenario } from './testing/contract-scenario.js';
import { referenceAreas } from './testing/event-log.js';
import { describeEachStore } from './testing/read-models-harness.js';

describeEachStore('read models following the SQLite event store', (stores) => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'socai-read-models-e2e-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('project the contract scenario from events.sqlite into the read models and answer the contract check', async () => {
    const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    for (const event of contractScenario().log.events) {
      const { eventId, type, data, streamId, metadata } = event;
      await store.append({
        streamId,
        expectedRevision: 'any',
        events: [{ eventId, type, data, metadata: { ...metadata, schemaVersion: 1 } }],
      });
    }
    // `location` as SOCAI_READ_MODELS gives it: sqlite (a file in the data dir) or a postgres:// URL.
    const location = stores.kind === 'sqlite' ? 'sqlite' : stores.url();
    const readModels = openReadModels(dir, referenceAreas(), { today: () => '2021-06-30', location, schema: 'e2e' });
    // Closed whatever happens: a projector left polling keeps jest from exiting after a failure.
    try {
      await readModels.ready();
      readModels.projector.start(store, 10);
      expect(await readModels.projector.waitFor(await store.headPosition(), 30_000)).toBe(true);
      expect(readModels.projector.isProjecting()).toBe(true);
      const q = readModels.queries;
      expect((await q.areaTotals('95'))!.collections).toEqual({ amount: '19960000', count: 2 });
      expect((await q.areaTotals('95', '2021-01-01', '2021-06-30'))!.cards).toEqual({ issued: 0 });
      expect(await q.employerArrears('BL00001', '2021-07-31')).toMatchObject({ overdue: '16000000', bucket: '1-to-3-months', oldestUnpaidPeriod: '2021-06' });
      expect(await q.payouts('2021-06', '954')).toMatchObject({ total: { amount: '4500000' }, reversed: { amount: '4500000' } });
    } finally {
      await readModels.close();
      await store.close();
    }
  });
});
