import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMoney } from '#domain';
import { SqliteEventStore } from '#event-store';
import { Ledger, loadAreaDirectory, NdjsonImport, paymentsFromLog } from '#ledger';
import { openReadModels, type ReadModels } from '#read-models';
import { generateCommands } from '../../apps/cli/src/generate/index.js';

type Line = { command: string; data: Record<string, any> };

/**
 * A generated scenario imported through the real ledger; the read models built incrementally (in
 * small catch-ups) must equal a rebuild, and the totals must equal sums computed here from the file.
 */
describe('read models on a generated scenario', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socai-scenario-'));
  const areas = loadAreaDirectory();
  const lines = [...generateCommands({ scenario: 'demo', seed: 3 })];
  const commands = lines.map((line) => JSON.parse(line) as Line);
  let store: SqliteEventStore;
  let incremental: ReadModels;
  let rebuilt: ReadModels;
  const today = () => '2025-01-15';

  beforeAll(async () => {
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    const ledger = new Ledger({ store, areas, ledgerPayments: paymentsFromLog(store) });
    const summary = await new NdjsonImport(ledger, { actor: 'test', role: 'admin' }).run(lines);
    expect({ recorded: summary.recorded, refused: summary.refused }).toEqual({ recorded: lines.length, refused: 0 });
    incremental = openReadModels(dir, areas, { file: join(dir, 'incremental.sqlite'), today });
    // Small batches, several catch-ups: the way a running server follows the log.
    while ((await incremental.projector.catchUp(store, { batchSize: 337 })) > 0) { /* keep following */ }
    rebuilt = openReadModels(dir, areas, { file: join(dir, 'rebuilt.sqlite'), today });
    await rebuilt.projector.rebuild(store);
  });
  afterAll(async () => {
    await incremental.close();
    await rebuilt.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows the whole log', async () => {
    expect(await incremental.projector.position()).toBe(await store.headPosition());
    expect(await rebuilt.projector.position()).toBe(lines.length);
  });

  it('answers every query identically whether built incrementally or rebuilt', async () => {
    const employers = commands.filter((c) => c.command === 'RegisterEmployer').map((c) => c.data.unitCode as string);
    const districts = areas.childrenOf('45', '2024-12-31').map((area) => area.code);
    expect(employers).toHaveLength(60);
    const ask = async (m: ReadModels) => ({
      totals: await Promise.all(['45', ...districts].map((code) => m.queries.areaTotals(code, '2024-01-01', '2024-12-31'))),
      arrears: await Promise.all(employers.map((unitCode) => m.queries.employerArrears(unitCode, '2024-12-31'))),
      worklist: await m.queries.arrearsWorklist({ area: '45', asOf: '2024-12-31', limit: 500 }),
      plan: await m.queries.planProgress(2024, '45', '2024-12-31'),
      payouts: await Promise.all(['2023-06', '2024-12'].map((month) => m.queries.payouts(month, '45'))),
      report: await m.queries.provinceReport('45', '2024-01-01', '2024-12-31'),
    });
    expect(await ask(incremental)).toEqual(await ask(rebuilt));
  });

  it('totals province 45 for 2024 exactly as the command file says', async () => {
    const in2024 = (date: string) => date >= '2024-01-01' && date <= '2024-12-31';
    const collections = commands.filter((c) => c.command === 'CollectContribution' && in2024(c.data.collectedOn));
    const benefits = commands.filter((c) => c.command === 'PayBenefit' && c.data.payoutMonth.startsWith('2024-'));
    const books = commands.filter((c) => c.command === 'IssueBook' && in2024(c.data.issuedOn));
    const cards = commands.filter((c) => c.command === 'IssueCard' && in2024(c.data.issuedOn));
    const claims = commands.filter((c) => c.command === 'AssessClaim' && c.data.period.startsWith('2024-'));
    const inspections = commands.filter((c) => c.command === 'RecordInspection' && in2024(c.data.inspectedOn));
    const totals = (await incremental.queries.areaTotals('45', '2024-01-01', '2024-12-31'))!;
    expect(totals.collections).toEqual({ amount: addMoney(...collections.map((c) => c.data.amount)), count: collections.length });
    expect(totals.benefits.amount).toBe(addMoney(...benefits.map((c) => c.data.amount)));
    expect(totals.benefits.payments).toBe(benefits.length);
    expect(totals.benefits.recipients).toBe(new Set(benefits.map((c) => c.data.personId)).size);
    expect(totals.books.issued).toBe(books.length);
    expect(totals.cards.issued).toBe(cards.length);
    expect(totals.claims.visits).toBe(claims.reduce((sum, c) => sum + c.data.visits.outpatient + c.data.visits.inpatient, 0));
    expect(totals.claims.requested).toBe(addMoney(...claims.map((c) => c.data.requested)));
    expect(totals.claims.approved).toBe(addMoney(...claims.map((c) => c.data.approved)));
    expect(totals.inspections.count).toBe(inspections.length);
    expect(totals.inspections.arrearsFound).toBe(addMoney('0', ...inspections.map((c) => c.data.arrearsFound)));
  });
});
