import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { Ledger, loadAreaDirectory, NdjsonImport, paymentsFromLog } from '#ledger';
import { openReadModels, type ReadModels } from '#read-models';
import { generateCommands } from '../../apps/cli/src/generate/index.js';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';

/**
 * The generated scenario of test/read-models/scenario.spec.ts projected into PostgreSQL and into
 * SQLite: every query must answer the same, to the đồng, whichever store the read models are in.
 */
describe('PostgreSQL read models on a generated scenario', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socai-pg-scenario-'));
  const areas = loadAreaDirectory();
  const lines = [...generateCommands({ scenario: 'demo', seed: 3 })];
  const today = () => '2025-01-15';
  let cluster: PostgresCluster;
  let store: SqliteEventStore;
  let sqlite: ReadModels;
  let postgres: ReadModels;

  beforeAll(async () => {
    cluster = await startPostgres();
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    const ledger = new Ledger({ store, areas, ledgerPayments: paymentsFromLog(store) });
    const summary = await new NdjsonImport(ledger, { actor: 'test', role: 'admin' }).run(lines);
    expect(summary.refused).toBe(0);
    sqlite = openReadModels(dir, areas, { today });
    await sqlite.projector.catchUp(store);
    postgres = openReadModels(dir, areas, { location: await cluster.createDatabase('scenario'), today });
    // Small batches, several catch-ups: the way a running server follows the log.
    while ((await postgres.projector.catchUp(store, { batchSize: 337 })) > 0) { /* keep following */ }
  }, 120_000);
  afterAll(async () => {
    await sqlite?.close();
    await postgres?.close();
    await store?.close();
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows the whole log', async () => {
    expect(await postgres.projector.position()).toBe(await store.headPosition());
    expect(await postgres.projector.position()).toBe(lines.length);
  });

  it('answers every query exactly as the SQLite read models do', async () => {
    const employers = lines.map((line) => JSON.parse(line) as { command: string; data: { unitCode?: string } })
      .filter((c) => c.command === 'RegisterEmployer').map((c) => c.data.unitCode!);
    const districts = areas.childrenOf('45', '2024-12-31').map((area) => area.code);
    const ask = async (m: ReadModels) => ({
      totals: await Promise.all(['45', ...districts].map((code) => m.queries.areaTotals(code, '2024-01-01', '2024-12-31'))),
      arrears: await Promise.all(employers.map((unitCode) => m.queries.employerArrears(unitCode, '2024-12-31'))),
      worklist: await m.queries.arrearsWorklist({ area: '45', asOf: '2024-12-31', limit: 500 }),
      country: await m.queries.arrearsWorklist({ asOf: '2024-06-30', limit: 7 }),
      plan: await m.queries.planProgress(2024, '45', '2024-12-31'),
      payouts: await Promise.all(['2023-06', '2024-12'].map((month) => m.queries.payouts(month, '45'))),
      ledgerPayments: await m.queries.ledgerPayments('2024-12', '45'),
      report: await m.queries.provinceReport('45', '2024-01-01', '2024-12-31'),
    });
    const expected = await ask(sqlite);
    expect(employers).toHaveLength(60);
    expect(expected.totals[0]!.collections.count).toBeGreaterThan(0);
    expect(await ask(postgres)).toEqual(expected);
  });

  it('rebuilds to the same answers', async () => {
    const before = await postgres.queries.provinceReport('45', '2024-01-01', '2024-12-31');
    expect(await postgres.projector.rebuild(store)).toBe(lines.length);
    expect(await postgres.queries.provinceReport('45', '2024-01-01', '2024-12-31')).toEqual(before);
  });
});
