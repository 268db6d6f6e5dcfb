import { addMoney, compareMoney } from '#domain';
import type { IsoDate } from '#domain';
import { EventWriter } from '../projection/event-writer.js';
import { ARREARS_SUMMARY_FROM_FACTS, ARREARS_SUMMARY_TABLES } from './arrears-summary.js';
import { overdueByPeriod } from './arrears.calculation.js';
import { ArrearsRepository } from './arrears.repository.js';
import { DISTRICTS, randomLedger } from '../testing/random-ledger.js';
import { describeEachStore, type ReadModelsHarness } from '../testing/read-models-harness.js';

/**
 * What the area's overdue was before the summary: every employer's history settled period by period
 * (overdueByPeriod), summed. One employer's headline settles by fund instead (docs/decisions.md, "The
 * area's overdue stays period-based"): the summary's closed form is the period-by-period settlement.
 */
async function overdueTheExactWay(h: ReadModelsHarness, units: string[], areaOf: Map<string, string>, area: string, asOf: IsoDate) {
  const repository = new ArrearsRepository(h.store.db);
  let overdue = '0';
  let employers = 0;
  for (const unit of units.filter((u) => areaOf.get(u) === area || area === '95')) {
    const owed = overdueByPeriod((await repository.one(unit))!, asOf).toString();
    if (compareMoney(owed, '0') <= 0) continue;
    overdue = addMoney(overdue, owed);
    employers += 1;
  }
  return { overdue, employers };
}

/** The summary tables, money as text. */
async function summaryOf(h: ReadModelsHarness) {
  return {
    balances: await h.store.db.query(
      `SELECT unit_code, area_code, province, CAST(pool AS TEXT) AS pool, CAST(total_gap AS TEXT) AS total_gap, owes, facts_through
       FROM arrears_balances ORDER BY unit_code`,
    ),
    periods: await h.store.db.query(
      `SELECT event_id, unit_code, period, due_date, CAST(due AS TEXT) AS due, CAST(direct AS TEXT) AS direct, CAST(gap AS TEXT) AS gap,
         CAST(cum_gap AS TEXT) AS cum_gap FROM arrears_periods ORDER BY event_id`,
    ),
    named: await h.store.db.query('SELECT unit_code, period, CAST(amount AS TEXT) AS amount FROM arrears_named ORDER BY unit_code, period'),
  };
}

const AS_OF: IsoDate[] = ['2020-12-31', '2021-03-15', '2021-06-30', '2021-09-01', '2021-12-31', '2022-02-28', '2022-06-30', '2030-01-01'];

describeEachStore('area overdue from the arrears summary', (stores) => {
  it.each([1, 2, 3, 4, 5, 6])('equals every employer’s exact arrears summed, at every as-of date (ledger seed %i)', async (seed) => {
    const { log, units } = randomLedger(seed);
    const areaOf = new Map(log.events.filter((e) => e.type === 'EmployerRegistered').map((e) => {
      const d = e.data as { unitCode: string; areaCode: string };
      return [d.unitCode, d.areaCode];
    }));
    const h = await stores.harness();
    // Small batches: the summary is re-settled fact by fact across many transactions.
    await h.project(log, 7);
    let owing = 0;
    for (const asOf of AS_OF) {
      for (const area of ['95', ...DISTRICTS]) {
        const expected = await overdueTheExactWay(h, units, areaOf, area, asOf);
        expect({ area, asOf, ...(await h.queries.areaTotals(area, '2021-01-01', asOf))!.arrears }).toEqual({ area, asOf, ...expected });
        owing += expected.employers;
      }
    }
    // The ledgers do owe: the comparison is not between zeros.
    expect(owing).toBeGreaterThan(20);
  });

  it.each([1, 2, 3])('agrees with the headline\'s allocation for every employer when no payment names a period (ledger seed %i)', async (seed) => {
    // Late periods are the oldest, so period by period and fund by fund put the same total on every prefix
    // of periods due before a date (docs/decisions.md, "The area's overdue stays period-based").
    const { log, units } = randomLedger(seed);
    for (const event of log.events) {
      if (event.type === 'ContributionCollected') delete (event.data as { payer: { period?: string } }).payer.period;
    }
    const h = await stores.harness();
    await h.project(log);
    const repository = new ArrearsRepository(h.store.db);
    let owing = 0;
    for (const unit of units) {
      const facts = (await repository.one(unit))!;
      for (const asOf of AS_OF) {
        const headline = (await h.queries.employerArrears(unit, asOf))!.overdue;
        expect([unit, asOf, overdueByPeriod(facts, asOf).toString()]).toEqual([unit, asOf, headline]);
        if (headline !== '0') owing += 1;
      }
    }
    expect(owing).toBeGreaterThan(20);
  });

  it.each([1, 4])('moves the summary fact by fact to what recomputing it from every fact gives (ledger seed %i)', async (seed) => {
    const { log } = randomLedger(seed);
    const h = await stores.harness();
    await h.project(log, 7);
    const dump = () => summaryOf(h);
    const moved = await dump();
    await h.store.db.transaction(async (tx) => {
      for (const table of ARREARS_SUMMARY_TABLES) await tx.execute(`DELETE FROM ${table}`);
      for (const statement of ARREARS_SUMMARY_FROM_FACTS) await tx.execute(statement);
    });
    const recomputed = await dump();
    expect(recomputed.periods.length).toBeGreaterThan(50);
    expect(recomputed.balances.filter((b) => Number((b as { owes: number }).owes) === 1).length).toBeGreaterThan(0);
    // Named rows a reversal brought back to 0 are kept by the deltas and absent from the recomputation.
    expect({ ...moved, named: moved.named.filter((n) => (n as { amount: string }).amount !== '0') }).toEqual(recomputed);
  });

  it('moves the summary once when a batch is applied twice (as if its checkpoint were lost)', async () => {
    const { log } = randomLedger(5);
    const h = await stores.harness();
    await h.project(log);
    const once = await summaryOf(h);
    const writer = new EventWriter(h.areas);
    await h.store.db.transaction((tx) => tx.executeAll(log.events.flatMap((event) => writer.statementsFor(event))));
    expect(await summaryOf(h)).toEqual(once);
  });
});
