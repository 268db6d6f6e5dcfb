import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractScenario } from '../testing/contract-scenario.js';
import { EventLog } from '../testing/event-log.js';
import { describeEachStore, readModelsHarness } from '../testing/read-models-harness.js';
import { ARREARS_SUMMARY_TABLES } from '../arrears/arrears-summary.js';
import { dropArrearsTriggersSql } from '../arrears/arrears-summary.js';
import { MIGRATIONS, pendingMigrations, SCHEMA_VERSION, sqlFor } from './migrations.js';

describeEachStore('read-model migrations', (stores) => {
  it('are applied when a store opens, recorded once, and not applied again on reopening', async () => {
    const first = await stores.harness({ name: 'migrated' });
    await first.project(contractScenario().log);
    await first.close();
    const again = await stores.harness({ name: 'migrated' });
    const applied = await again.store.db.query<{ version: number; name: string }>('SELECT version, name FROM read_model_migrations ORDER BY version');
    expect(applied.map((m) => [Number(m.version), m.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
    expect(await again.projector.position()).toBe(15);
  });

  it('backfill the arrears summary of a store that holds facts from before it', async () => {
    const first = await stores.harness({ name: 'before-summary' });
    await first.project(contractScenario().log);
    const before = await first.queries.areaTotals('95', '2021-01-01', '2021-07-31');
    // The store as version 1 left it: facts, and no summary tables.
    for (const drop of dropArrearsTriggersSql(stores.kind)) await first.store.db.execute(drop);
    for (const table of ARREARS_SUMMARY_TABLES) await first.store.db.execute(`DROP TABLE ${table}`);
    await first.store.db.execute('DELETE FROM read_model_migrations WHERE version = 2');
    await first.close();
    const again = await stores.harness({ name: 'before-summary' });
    const owing = await again.store.db.query('SELECT unit_code, CAST(pool AS TEXT) AS pool, CAST(total_gap AS TEXT) AS gap FROM arrears_balances WHERE owes = 1');
    expect(owing).toEqual([{ unit_code: 'BL00001', pool: '16000000', gap: '32000000' }]);
    expect(await again.queries.areaTotals('95', '2021-01-01', '2021-07-31')).toEqual(before);
    expect(before!.arrears).toEqual({ overdue: '16000000', employers: 1 });
  });

  it('mark a store projected before the homes (version 6) for a rebuild, which its next catch-up runs from the log', async () => {
    const log = new EventLog();
    log.record('EmployerRegistered', { unitCode: 'QT10001', name: 'Công ty Hướng Hóa', areaCode: '465', registeredOn: '2024-01-15' });
    log.record('ContributionCollected', { receiptNo: 'R-03', payer: { kind: 'employer', unitCode: 'QT10001' }, amount: '12500000', collectedOn: '2025-03-10', areaCode: '465' });
    log.record('ContributionCollected', { receiptNo: 'R-09', payer: { kind: 'employer', unitCode: 'QT10001' }, amount: '13750000', collectedOn: '2025-09-10', areaCode: '44' });
    const first = await stores.harness({ name: 'before-homes', today: '2026-12-06' });
    await first.project(log);
    // The store as version 6 left it: no homes, and (before issue 28's layout) an old district's facts under its old province.
    for (const sql of [
      'DROP TABLE homes', 'DROP TABLE rebuild_requests', 'DELETE FROM read_model_migrations WHERE version = 7',
      "UPDATE collections SET province = '45' WHERE area_code = '465'", "UPDATE area_flows SET province = '45' WHERE area_code = '465'",
    ]) await first.store.db.execute(sql);
    await first.close();

    const again = await stores.harness({ name: 'before-homes', today: '2026-12-06' });
    expect(await again.store.rebuildRequested()).toBe(true);
    expect((await again.queries.areaTotals('44', '2025-01-01', '2025-12-31'))!.collections).toEqual({ amount: '13750000', count: 1 });
    expect(await again.project(log)).toBe(3);
    expect(await again.store.rebuildRequested()).toBe(false);
    expect((await again.queries.areaTotals('44', '2025-01-01', '2025-12-31'))!.collections).toEqual({ amount: '26250000', count: 2 });
    expect(await again.store.db.query("SELECT subject, area_code AS \"areaCode\", successor FROM homes")).toEqual([{ subject: 'QT10001', areaCode: '465', successor: '44' }]);
    // Nothing more to do: the next catch-up is an ordinary one.
    expect(await again.project(log)).toBe(0);
  });

  it('mark a store projected before the old provinces\' key (version 7) for a rebuild, after which 45 counts its persons from summaries', async () => {
    const log = new EventLog();
    log.record('ContributionCollected', {
      receiptNo: 'V-4500000002', payer: { kind: 'person', personId: '4500000002', scheme: 'voluntary-social-insurance', coverFrom: '2025-01', coverTo: '2025-12' },
      amount: '2640000', collectedOn: '2025-01-05', areaCode: '465',
    });
    log.record('CardIssued', { cardNo: 'HN4450000001', personId: '4500000001', areaCode: '465', validFrom: '2025-01-01', validTo: '2025-12-31', issuedOn: '2024-12-20' });
    const first = await stores.harness({ name: 'before-old-areas', today: '2026-12-06' });
    await first.project(log);
    // The store as version 7 left it: no old_areas, no o: rows.
    for (const sql of [
      'DROP TABLE old_areas', 'DELETE FROM read_model_migrations WHERE version = 8',
      ...['voluntary_cover_months', 'card_cover_runs'].map((table) => `DELETE FROM ${table} WHERE scope_key LIKE 'o:%'`),
    ]) await first.store.db.execute(sql);
    await first.close();

    const again = await stores.harness({ name: 'before-old-areas', today: '2026-12-06' });
    expect(await again.store.rebuildRequested()).toBe(true);
    expect(await again.project(log)).toBe(2);
    expect(await again.store.rebuildRequested()).toBe(false);
    expect((await again.queries.areaTotals('45', '2025-01-01', '2025-06-30'))!.participants).toEqual({
      mandatorySocialInsurance: 0, voluntarySocialInsurance: 1, unemploymentInsurance: 0, healthInsurance: 1,
    });
    expect(await again.store.db.query("SELECT old_province FROM old_areas WHERE area_code = '465'")).toEqual([{ old_province: '45' }]);
  });

  it('add the arrears mark to a store projected before it (version 8) without a rebuild: NULL until an employer\'s next fact', async () => {
    const { log } = contractScenario();
    const first = await stores.harness({ name: 'before-marks', today: '2021-07-31' });
    await first.project(log);
    for (const sql of ['DROP INDEX employers_arrears_mark', 'ALTER TABLE employers DROP COLUMN arrears_mark', 'DROP TABLE read_model_generation', 'DELETE FROM read_model_migrations WHERE version = 9']) await first.store.db.execute(sql);
    await first.close();

    const again = await stores.harness({ name: 'before-marks', today: '2021-07-31' });
    expect(await again.store.rebuildRequested()).toBe(false);
    expect(await again.store.db.query('SELECT unit_code, CAST(arrears_mark AS INTEGER) AS mark FROM employers')).toEqual([{ unit_code: 'BL00001', mark: null }]);
    const overdue = async () => (await again.queries.arrearsWorklist({ area: '95' })).items.map((i) => [i.unitCode, i.overdue]);
    expect(await overdue()).toEqual([['BL00001', '16000000']]);
    const paid = log.record('ContributionCollected', {
      receiptNo: 'BL-R-0002', payer: { kind: 'employer', unitCode: 'BL00001' }, amount: '6000000', collectedOn: '2021-07-20', areaCode: '954',
    });
    expect(await again.project(log)).toBe(1);
    expect(await again.store.db.query('SELECT unit_code, CAST(arrears_mark AS INTEGER) AS mark FROM employers')).toEqual([{ unit_code: 'BL00001', mark: paid.position }]);
    // The queries' memo kept the headline under the NULL mark; the payment moved it, so the worklist sees the payment.
    expect(await overdue()).toEqual([['BL00001', '10000000']]);
  });

  it('leave an empty store unmarked: there is nothing to compute again', async () => {
    const h = await stores.harness();
    expect(await h.store.rebuildRequested()).toBe(false);
  });

  it('store money as exact decimals: a sum past 2^53 comes back to the đồng', async () => {
    const h = await stores.harness();
    const { log } = contractScenario();
    const big = '999999999999999999';
    log.record('BenefitPaid', {
      paymentRef: 'BIG-1', personId: '9500000009', benefit: 'one-off', payoutMonth: '2021-06', amount: big,
      channel: 'bank-account', areaCode: '954', paidOn: '2021-06-20',
    });
    await h.project(log);
    expect((await h.queries.payouts('2021-06', '954')).total.amount).toBe('1000000000004499999');
  });
});

describe('read-model migrations on an existing SQLite file', () => {
  it('adopt a file created before migrations were recorded, keeping its rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'socai-migrations-'));
    try {
      const file = join(dir, 'read-models.sqlite');
      const old = new Database(file);
      old.exec(sqlFor(MIGRATIONS[0]!.sql, 'sqlite'));
      old.exec("INSERT INTO books (event_id, position, recorded_at, person_id, area_code, province, issued_on, reissue) VALUES ('e', 1, 't', 'p', '954', '95', '2021-02-01', 0)");
      old.exec('UPDATE checkpoint SET position = 1');
      old.close();
      const h = readModelsHarness('2021-06-30', file);
      expect(await h.projector.position()).toBe(1);
      expect((await h.queries.areaTotals('95', '2021-01-01', '2021-06-30'))!.books).toEqual({ issued: 1 });
      expect(await h.store.db.query('SELECT version FROM read_model_migrations ORDER BY version')).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
      await h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuse a store whose schema is newer than this build', () => {
    const all = MIGRATIONS.map((m) => m.version);
    expect(pendingMigrations(all)).toEqual([]);
    expect(() => pendingMigrations([...all, SCHEMA_VERSION + 1])).toThrow(/newer than this build/);
  });
});
