import { BENEFITS } from '#domain';
import type { IsoDate, IsoMonth } from '#domain';
import { EventWriter } from '../projection/event-writer.js';
import { AREA_SUMMARIES, AREA_SUMMARY_TABLES } from './area-summaries.js';
import { EventLog, fundsOf, headcount } from '../testing/event-log.js';
import { randomFrom } from '../testing/random-ledger.js';
import { describeEachStore, type ReadModelsHarness } from '../testing/read-models-harness.js';
import { AreaFigures } from './area-figures.js';
import { areaScope } from '../area-scope.js';
import { SummaryAreaFigures } from './summary-area-figures.js';

const pad = (n: number) => String(n).padStart(2, '0');
// Three districts of Bạc Liêu and one of Hà Nội, so that a province is more than one district and not the whole country.
const DISTRICTS = ['954', '956', '957', '001'];
const MONTHS: IsoMonth[] = [...Array.from({ length: 12 }, (_, i) => `2021-${pad(i + 1)}`), '2022-01', '2022-02', '2022-03'];
const dayIn = (random: ReturnType<typeof randomFrom>, month: IsoMonth, extraDays = 0): IsoDate =>
  new Date(Date.parse(`${month}-01`) + random.int(0, 27 + extraDays) * 86_400_000).toISOString().slice(0, 10);

/**
 * Every kind of fact the area summaries count, with reversals: employers assessed month by month
 * (some assessments reversed and assessed again, some periods assessed late, status changes),
 * voluntary and household payments covering ranges of months (persons paying in two districts,
 * paying in advance or late), benefit payments of every benefit to persons in several districts,
 * books and cards. Only what the ledger enforces is kept: one unreversed assessment per period.
 */
function randomLedger(seed: number): EventLog {
  const random = randomFrom(seed);
  const log = new EventLog();
  for (let n = 1; n <= 10; n++) {
    const unitCode = `SA${seed}${pad(n)}`;
    const areaCode = random.pick(DISTRICTS);
    log.record('EmployerRegistered', { unitCode, name: `Công ty ${n}`, areaCode, registeredOn: '2015-01-01' });
    // A status change recorded before the employer's assessments or after them (effective on any date).
    const statusChange = () => {
      if (!random.chance(0.6)) return;
      const change = log.record('EmployerStatusChanged', {
        unitCode, areaCode, status: random.pick(['suspended', 'dissolved', 'active'] as const), effectiveOn: dayIn(random, random.pick(MONTHS)), reason: 'x',
      });
      if (random.chance(0.3)) log.reverse(change, '2022-03-31');
    };
    const changesFirst = random.chance(0.5);
    if (changesFirst) statusChange();
    if (changesFirst) statusChange();
    for (const period of MONTHS) {
      if (random.chance(0.2)) continue;
      const assess = () => {
        const due = String(random.int(1, 40) * 500_000);
        return log.record('ContributionAssessed', {
          unitCode, areaCode, period, headcount: { ...headcount(random.int(1, 30)), unemploymentInsurance: random.int(0, 30) },
          payroll: '1', unemploymentPayroll: '1', assessedOn: dayIn(random, period, 40), dueDate: `${period}-28`, funds: fundsOf(due), due,
        });
      };
      const assessed = assess();
      if (random.chance(0.15)) {
        log.reverse(assessed, dayIn(random, period, 60));
        if (random.chance(0.5)) assess();
      }
      const paid = log.record('ContributionCollected', {
        receiptNo: `${unitCode}-${period}`, amount: String(random.int(1, 30) * 600_000 + random.int(0, 999)),
        payer: { kind: 'employer', unitCode }, collectedOn: dayIn(random, period, 30), areaCode,
      });
      if (random.chance(0.1)) log.reverse(paid, '2022-03-15');
    }
    if (!changesFirst) statusChange();
    if (!changesFirst) statusChange();
  }
  for (let n = 1; n <= 25; n++) {
    const personId = `95000${seed}${pad(n)}`;
    const home = random.pick(DISTRICTS);
    for (let k = 0; k < random.int(0, 5); k++) {
      const coverFrom = random.pick(MONTHS);
      const coverTo = MONTHS[Math.min(MONTHS.length - 1, MONTHS.indexOf(coverFrom) + random.int(0, 5))]!;
      const paid = log.record('ContributionCollected', {
        receiptNo: `V-${personId}-${k}`, amount: String(random.int(1, 9) * 330_000),
        payer: { kind: 'person', personId, scheme: random.chance(0.8) ? 'voluntary-social-insurance' : 'household-health-insurance', coverFrom, coverTo },
        collectedOn: dayIn(random, random.pick(MONTHS)), areaCode: random.chance(0.8) ? home : random.pick(DISTRICTS),
      });
      if (random.chance(0.2)) log.reverse(paid, '2022-03-20');
    }
    for (let k = 0; k < random.int(0, 8); k++) {
      const payoutMonth = random.pick(MONTHS);
      const paid = log.record('BenefitPaid', {
        paymentRef: `B-${personId}-${k}`, personId, benefit: random.pick(BENEFITS), payoutMonth, amount: String(random.int(1, 50) * 100_000 + random.int(0, 99)),
        channel: 'bank-account', areaCode: random.chance(0.8) ? home : random.pick(DISTRICTS), paidOn: dayIn(random, payoutMonth),
      });
      if (random.chance(0.2)) log.reverse(paid, '2022-03-25');
    }
    if (random.chance(0.5)) {
      const book = log.record('BookIssued', { personId, areaCode: home, issuedOn: dayIn(random, random.pick(MONTHS)), reissue: false });
      if (random.chance(0.2)) log.reverse(book, '2022-03-26');
    }
    // Cards that overlap, follow one another, or are issued after they become valid.
    for (let k = 0; k < random.int(0, 3); k++) {
      const validFrom = dayIn(random, random.pick(MONTHS));
      const validTo = `${MONTHS[Math.min(MONTHS.length - 1, MONTHS.indexOf(validFrom.slice(0, 7)) + random.int(0, 6))]}-${random.chance(0.5) ? '28' : '05'}`;
      const card = log.record('CardIssued', {
        cardNo: `HN4${personId}${k}`, personId, areaCode: random.chance(0.8) ? home : random.pick(DISTRICTS), validFrom, validTo,
        issuedOn: dayIn(random, random.pick(MONTHS)),
      });
      if (random.chance(0.2)) log.reverse(card, '2022-03-27');
    }
  }
  return log;
}

// 95 (Bạc Liêu) was abolished into 96 on 2025-07-01: its persons are counted under its own key `o:95` (issue 23).
const SCOPES = [undefined, '95', '96', '01', ...DISTRICTS, '9999'];
const DATES: IsoDate[] = [
  '2020-12-31', '2021-01-15', '2021-03-05', '2021-03-31', '2021-05-28', '2021-06-30', '2021-08-17', '2021-10-06', '2021-12-31', '2022-02-10',
  '2022-03-31', '2030-01-01',
];
const RANGES: [IsoDate, IsoDate][] = [
  ['2021-01-01', '2021-12-31'], ['2021-01-01', '2021-06-30'], ['2021-03-15', '2021-09-10'], ['2021-07-01', '2022-03-31'],
  ['2021-05-01', '2021-05-31'], ['2022-01-01', '2030-01-01'], ['2020-01-01', '2020-12-31'],
];

/** Every figure the summaries answer, from one AreaFigures or the other. */
async function everyFigure(h: ReadModelsHarness, figures: AreaFigures, dates: IsoDate[]) {
  const out: unknown[] = [];
  for (const code of SCOPES) {
    const scope = areaScope(h.areas, code);
    for (const asOf of dates) out.push({ code, asOf, participants: await figures.participants(scope, asOf) });
    for (const [from, to] of RANGES) {
      out.push({
        code, from, to,
        collections: await figures.collections(scope, from, to),
        due: await figures.assessmentsDue(scope, from, to),
        books: await figures.booksIssued(scope, from, to),
        cards: await figures.cardsIssued(scope, from, to),
        benefits: await figures.benefits(scope, from, to),
      });
    }
  }
  return out;
}

const figuresOf = (h: ReadModelsHarness) => ({ exact: new AreaFigures(h.store.db), summary: new SummaryAreaFigures(h.store.db) });

/** The summary tables, money as decimal text, without the rows that reversals brought back to nothing. */
async function summaryTables(h: ReadModelsHarness) {
  const db = h.store.db;
  return {
    flows: await db.query(`SELECT flow, area_code, province, on_key, detail, CAST(amount AS BIGINT) AS amount, n FROM area_flows
      WHERE n <> 0 ORDER BY flow, area_code, on_key, detail`),
    headcounts: await db.query('SELECT unit_code, area_code, province, status_now, settled_through, period, si, ui FROM employer_headcounts ORDER BY unit_code'),
    voluntary: await db.query('SELECT scope_key, person_id, month, first_collected_on FROM voluntary_cover_months ORDER BY person_id, scope_key, month'),
    recipientMonths: await db.query(`SELECT scope_key, kind, person_id, month, prev_month, payments FROM benefit_recipient_months
      ORDER BY person_id, scope_key, kind, month`),
    recipientCounts: await db.query(`SELECT scope_key, kind, month, prev_month, n FROM benefit_recipient_counts WHERE n <> 0
      ORDER BY scope_key, kind, month, prev_month`),
    cardCover: await db.query('SELECT scope_key, person_id, start_on, end_on FROM card_cover_runs ORDER BY person_id, scope_key, start_on'),
    cardDays: await db.query(`SELECT scope_key, day, starts, ends FROM card_cover_days WHERE starts <> 0 OR ends <> 0
      ORDER BY scope_key, day`),
  };
}

describeEachStore('area figures from the area summaries', (stores) => {
  it.each([1, 2, 3, 4])('equal the figures computed from the facts, for every area, date and range (ledger seed %i)', async (seed) => {
    const h = await stores.harness();
    // Small batches: the summaries move fact by fact across many transactions.
    const log = randomLedger(seed);
    await h.project(log, 9);
    // Also the days cards start and stop counting, where an off-by-one day would show.
    const cardDays = log.events.filter((e) => e.type === 'CardIssued').slice(0, 6).flatMap((e) => {
      const d = e.data as { validFrom: IsoDate; validTo: IsoDate; issuedOn: IsoDate };
      return [d.validFrom, d.validTo, d.issuedOn];
    });
    const dates = [...DATES, ...cardDays];
    const { exact, summary } = figuresOf(h);
    const expected = await everyFigure(h, exact, dates);
    expect(await everyFigure(h, summary, dates)).toEqual(expected);
    // The ledgers do count: the comparison is not between zeros.
    const nonZero = JSON.stringify(expected).match(/"(voluntarySocialInsurance|recipients|mandatorySocialInsurance|healthInsurance)":[1-9]/g) ?? [];
    expect(new Set(nonZero.map((m) => m.split(':')[0])).size).toBe(4);
    expect(nonZero.length).toBeGreaterThan(30);
    // The old province's answers above came from its own summary rows, not from the facts.
    for (const table of ['voluntary_cover_months', 'benefit_recipient_months', 'card_cover_runs']) {
      expect([table, Number((await h.store.db.queryOne<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE scope_key = 'o:95'`))!.n) > 5]).toEqual([table, true]);
    }
  });

  it.each([1, 3])('move the summaries fact by fact to what backfilling them from every fact gives (ledger seed %i)', async (seed) => {
    const h = await stores.harness();
    await h.project(randomLedger(seed), 5);
    const moved = await summaryTables(h);
    await h.store.db.transaction(async (tx) => {
      for (const table of AREA_SUMMARY_TABLES) await tx.execute(`DELETE FROM ${table}`);
      for (const statement of AREA_SUMMARIES.flatMap((s) => s.backfill)) await tx.execute(statement);
    });
    const backfilled = await summaryTables(h);
    expect(backfilled.recipientCounts.length).toBeGreaterThan(20);
    expect(backfilled.voluntary.length).toBeGreaterThan(20);
    expect(backfilled.cardCover.length).toBeGreaterThan(10);
    expect(moved).toEqual(backfilled);
  });

  it('move the summaries once when a batch is applied twice (as if its checkpoint were lost)', async () => {
    const log = randomLedger(2);
    const h = await stores.harness();
    await h.project(log);
    const once = await summaryTables(h);
    const writer = new EventWriter(h.areas);
    await h.store.db.transaction((tx) => tx.executeAll(log.events.flatMap((event) => writer.statementsFor(event))));
    expect(await summaryTables(h)).toEqual(once);
  });
});
