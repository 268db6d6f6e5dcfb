import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMoney, compareMoney } from '#domain';
import { SqliteEventStore } from '#event-store';
import { Ledger, loadAreaDirectory, NdjsonImport, paymentsFromLog } from '#ledger';
import { openReadModels, type ReadModels } from '#read-models';
import { generateCommands } from '../../apps/cli/src/generate/index.js';

/**
 * A generated province imported through the real ledger: an area's overdue arrears (from the
 * arrears summary, or the exact way for employers with later facts) must be what
 * summing every employer's own computeArrears gives, on dates before, inside and after its history.
 */
describe('area arrears on a generated scenario', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socai-area-arrears-'));
  const areas = loadAreaDirectory();
  const lines = [...generateCommands({ scenario: 'demo', seed: 5 })];
  const employers = lines.map((line) => JSON.parse(line) as { command: string; data: { unitCode: string; areaCode: string } })
    .filter((c) => c.command === 'RegisterEmployer')
    .map((c) => c.data);
  let store: SqliteEventStore;
  let readModels: ReadModels;

  beforeAll(async () => {
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    const ledger = new Ledger({ store, areas, ledgerPayments: paymentsFromLog(store) });
    const summary = await new NdjsonImport(ledger, { actor: 'test', role: 'admin' }).run(lines);
    expect(summary.refused).toBe(0);
    readModels = openReadModels(dir, areas, { file: join(dir, 'read-models.sqlite'), today: () => '2025-01-15' });
    while ((await readModels.projector.catchUp(store, { batchSize: 500 })) > 0) { /* follow the whole log */ }
  });
  afterAll(async () => {
    await readModels.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['2023-01-31', '2023-08-15', '2024-06-30', '2024-11-30', '2024-12-31', '2025-01-15', '2026-07-01'])(
    'sums every employer’s exact overdue for the province and each district on %s',
    async (asOf) => {
      const districts = areas.childrenOf('45', '2024-12-31').map((area) => area.code);
      let owingSomewhere = 0;
      for (const area of ['45', ...districts]) {
        let overdue = '0';
        let owing = 0;
        for (const employer of employers.filter((e) => area === '45' || e.areaCode === area)) {
          const arrears = (await readModels.queries.employerArrears(employer.unitCode, asOf))!;
          if (compareMoney(arrears.overdue, '0') <= 0) continue;
          overdue = addMoney(overdue, arrears.overdue);
          owing += 1;
        }
        expect({ area, ...(await readModels.queries.areaTotals(area, '2023-01-01', asOf))!.arrears }).toEqual({ area, overdue, employers: owing });
        owingSomewhere += owing;
      }
      if (asOf >= '2023-08-15') expect(owingSomewhere).toBeGreaterThan(0);
    },
  );
});
