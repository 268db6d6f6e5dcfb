import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { openReadModels } from './open-read-models.js';
import { contractScenario } from './testing/contract-scenario.js';
import { referenceAreas } from './testing/event-log.js';

describe('read models following the SQLite event store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'socai-read-models-e2e-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('project the contract scenario from events.sqlite into read-models.sqlite and answer the contract check', async () => {
    const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    for (const event of contractScenario().log.events) {
      const { eventId, type, data, streamId, metadata } = event;
      await store.append({
        streamId,
        expectedRevision: 'any',
        events: [{ eventId, type, data, metadata: { ...metadata, schemaVersion: 1 } }],
      });
    }
    const readModels = openReadModels(dir, referenceAreas(), { today: () => '2021-06-30' });
    readModels.projector.start(store, 10);
    expect(await readModels.projector.waitFor(await store.headPosition(), 5_000)).toBe(true);
    const q = readModels.queries;
    expect(q.areaTotals('95')!.collections).toEqual({ amount: '19960000', count: 2 });
    expect(q.areaTotals('95', '2021-01-01', '2021-06-30')!.cards).toEqual({ issued: 0 });
    expect(q.employerArrears('BL00001', '2021-07-31')).toMatchObject({ overdue: '16000000', bucket: '1-to-3-months', oldestUnpaidPeriod: '2021-06' });
    expect(q.payouts('2021-06', '954')).toMatchObject({ total: { amount: '4500000' }, reversed: { amount: '4500000' } });
    await readModels.close();
    await store.close();
  });
});
