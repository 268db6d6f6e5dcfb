import { addMoney, compareMoney } from '#domain';
import type { IsoDate, IsoMonth } from '#domain';
import type { RecordedEvent } from '#event-store';
import { EventWriter } from '../projection/event-writer.js';
import { ARREARS_SUMMARY_FROM_FACTS, ARREARS_SUMMARY_TABLES } from '../schema/arrears-balances.js';
import { EventLog, fundsOf, headcount } from '../testing/event-log.js';
import { describeEachStore, type ReadModelsHarness } from '../testing/read-models-harness.js';

/** A small deterministic PRNG (mulberry32), so a failing ledger can be reproduced from its seed. */
function randomFrom(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + Math.imul(t ^ (t >>> 14), 71 | t));
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (from: number, to: number) => from + Math.floor(next() * (to - from + 1));
  return { chance: (p: number) => next() < p, int, pick: <T>(items: readonly T[]) => items[int(0, items.length - 1)]! };
}

const pad = (n: number) => String(n).padStart(2, '0');
const DISTRICTS = ['954', '956', '959'];
const PERIODS: IsoMonth[] = Array.from({ length: 12 }, (_, i) => `2021-${pad(i + 1)}`);
const lastDay = (period: IsoMonth) => new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0)).toISOString().slice(0, 10);
const dayIn = (random: ReturnType<typeof randomFrom>, from: IsoDate, days: number): IsoDate =>
  new Date(Date.parse(from) + random.int(0, days) * 86_400_000).toISOString().slice(0, 10);

/**
 * Employers of Bạc Liêu with everything the settlement distinguishes: assessments recorded late,
 * payments before anything is assessed (credit), payments naming a period (assessed or not),
 * reversals of assessments and payments dated before or after other facts, and periods assessed
 * again after a reversal. Only the order the ledger enforces is kept: one unreversed assessment
 * per period.
 */
function randomLedger(seed: number, employers = 14): { log: EventLog; units: string[] } {
  const random = randomFrom(seed);
  const log = new EventLog();
  const units: string[] = [];
  for (let n = 1; n <= employers; n++) {
    const unitCode = `BL9${pad(n)}`;
    const areaCode = random.pick(DISTRICTS);
    units.push(unitCode);
    log.record('EmployerRegistered', { unitCode, name: `Công ty ${n}`, areaCode, registeredOn: '2015-01-01' });
    const facts: RecordedEvent[] = [];
    const assess = (period: IsoMonth, after: IsoDate) => {
      const due = String(random.int(1, 40) * 500_000 + random.int(0, 999));
      const event = log.record('ContributionAssessed', {
        unitCode, areaCode, period, headcount: headcount(5), payroll: '1', unemploymentPayroll: '1',
        assessedOn: dayIn(random, after, 70), dueDate: lastDay(period), funds: fundsOf(due), due,
      });
      facts.push(event);
      return event;
    };
    for (const period of PERIODS) {
      if (random.chance(0.15)) continue;
      if (random.chance(0.5)) {
        const payment = log.record('ContributionCollected', {
          receiptNo: `${unitCode}-${period}`, amount: String(random.int(1, 30) * 600_000 + random.int(0, 999)),
          payer: { kind: 'employer', unitCode, ...(random.chance(0.35) ? { period: random.pick(PERIODS) } : {}) },
          collectedOn: dayIn(random, `${period}-01`, 60), areaCode,
        });
        facts.push(payment);
      }
      const assessed = assess(period, `${period}-01`);
      if (random.chance(0.12)) {
        log.reverse(assessed, dayIn(random, `${period}-01`, 120));
        if (random.chance(0.6)) assess(period, `${period}-15`);
      }
    }
    for (const fact of facts.filter((f) => f.type === 'ContributionCollected')) {
      if (random.chance(0.1)) log.reverse(fact, dayIn(random, '2021-02-01', 330));
    }
  }
  return { log, units };
}

/** What the area's overdue was before the summary: every employer's own computeArrears, summed. */
async function overdueTheExactWay(h: ReadModelsHarness, units: string[], areaOf: Map<string, string>, area: string, asOf: IsoDate) {
  let overdue = '0';
  let employers = 0;
  for (const unit of units.filter((u) => areaOf.get(u) === area || area === '95')) {
    const arrears = (await h.queries.employerArrears(unit, asOf))!;
    if (compareMoney(arrears.overdue, '0') <= 0) continue;
    overdue = addMoney(overdue, arrears.overdue);
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
