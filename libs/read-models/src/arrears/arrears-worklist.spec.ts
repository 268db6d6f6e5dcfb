import type { IsoDate } from '#domain';
import { areaScope } from '../area-scope.js';
import { EventLog, fundsOf, headcount, realLateInterest } from '../testing/event-log.js';
import { DISTRICTS, randomLedger } from '../testing/random-ledger.js';
import { ArrearsRepository } from './arrears.repository.js';
import { arrearsWorklist } from './arrears-worklist.js';
import { describeEachStore } from '../testing/read-models-harness.js';

/** Four employers of Bạc Liêu and one of Cà Mau, each owing one 2021 period of `due` đồng. */
function scenario() {
  const log = new EventLog();
  const employer = (unitCode: string, areaCode: string, period: string, due: string) => {
    log.record('EmployerRegistered', { unitCode, name: `Đơn vị ${unitCode}`, areaCode, registeredOn: '2020-01-01' });
    log.record('ContributionAssessed', {
      unitCode, areaCode, period, headcount: headcount(3), payroll: '1', unemploymentPayroll: '1', assessedOn: `${period}-01`,
      dueDate: `${period}-28`, funds: fundsOf(due), due,
    });
  };
  employer('BL00010', '954', '2021-06', '3000000'); // 2021-06-28 → 3 days late on 2021-07-01
  employer('BL00011', '956', '2021-03', '5000000'); // 95 days late
  employer('BL00012', '957', '2021-05', '5000000'); // 34 days late
  employer('BL00013', '958', '2021-04', '1000000');
  log.record('EmployerStatusChanged', { unitCode: 'BL00013', areaCode: '958', status: 'bankrupt', effectiveOn: '2021-06-01', reason: 'Phá sản' });
  employer('CM00001', '964', '2021-01', '9000000');
  employer('BL00014', '954', '2021-07', '7000000'); // not yet due on 2021-07-01
  return log;
}

/**
 * Employers who end up paying every due, in each way a payment can come: late in one sum, naming each
 * period, in advance of the assessment, more than due, and a payment reversed and paid again. Before
 * they pay they owe (and are listed); after, their summary says they owe nothing.
 */
function withPaidUpEmployers(log: EventLog): EventLog {
  const pay = (unitCode: string, receiptNo: string, amount: string, collectedOn: string, period?: string) =>
    log.record('ContributionCollected', { receiptNo, payer: { kind: 'employer', unitCode, ...(period ? { period } : {}) }, amount, collectedOn, areaCode: '954' });
  for (const [n, way] of ['late', 'named', 'advance', 'over', 'reversed'].entries()) {
    const unitCode = `PU0000${n}`;
    log.record('EmployerRegistered', { unitCode, name: `Đã nộp đủ ${n}`, areaCode: '954', registeredOn: '2020-01-01' });
    const periods = ['2021-01', '2021-02', '2021-03'];
    if (way === 'advance') pay(unitCode, `${unitCode}-A`, '6000000', '2020-12-20');
    for (const period of periods) {
      log.record('ContributionAssessed', {
        unitCode, areaCode: '954', period, headcount: headcount(2), payroll: '1', unemploymentPayroll: '1', assessedOn: `${period}-01`,
        dueDate: `${period}-28`, funds: fundsOf('2000000'), due: '2000000',
      });
    }
    if (way === 'late') pay(unitCode, `${unitCode}-L`, '6000000', '2021-08-10');
    if (way === 'named') for (const period of [...periods].reverse()) pay(unitCode, `${unitCode}-${period}`, '2000000', '2021-05-05', period);
    if (way === 'over') pay(unitCode, `${unitCode}-O`, '9000000', '2021-04-30');
    if (way === 'reversed') {
      log.reverse(pay(unitCode, `${unitCode}-R1`, '6000000', '2021-02-10'), '2021-02-20');
      pay(unitCode, `${unitCode}-R2`, '6000000', '2021-09-30');
    }
  }
  return log;
}

describeEachStore('arrears worklist', (stores) => {
  it('lists the employers of a province that owe, largest overdue first, with totals by bucket', async () => {
    const h = await stores.harness();
    await h.project(scenario());
    const list = await h.queries.arrearsWorklist({ area: '95', asOf: '2021-07-01' });
    expect(list.items.map((i) => [i.unitCode, i.overdue, i.bucket])).toEqual([
      ['BL00011', '5000000', '3-months-plus'],
      ['BL00012', '5000000', '1-to-3-months'],
      ['BL00010', '3000000', 'under-1-month'],
      ['BL00013', '1000000', 'hard-to-collect'],
      ['BL00014', '0', 'current'],
    ]);
    expect(list.totals).toMatchObject({
      overdue: '14000000',
      employers: 5,
      byBucket: {
        current: { overdue: '0', employers: 1 },
        'under-1-month': { overdue: '3000000', employers: 1 },
        '1-to-3-months': { overdue: '5000000', employers: 1 },
        '3-months-plus': { overdue: '5000000', employers: 1 },
        'hard-to-collect': { overdue: '1000000', employers: 1 },
      },
    });
    expect(list.nextCursor).toBeNull();
    expect(list.items[0]).not.toHaveProperty('periods');
  });

  it('filters by bucket and pages with an opaque cursor', async () => {
    const h = await stores.harness();
    await h.project(scenario());
    const hard = await h.queries.arrearsWorklist({ area: '95', asOf: '2021-07-01', bucket: 'hard-to-collect' });
    expect(hard.items.map((i) => i.unitCode)).toEqual(['BL00013']);
    const first = await h.queries.arrearsWorklist({ area: '95', asOf: '2021-07-01', limit: 2 });
    expect(first.items.map((i) => i.unitCode)).toEqual(['BL00011', 'BL00012']);
    const second = await h.queries.arrearsWorklist({ area: '95', asOf: '2021-07-01', limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.unitCode)).toEqual(['BL00010', 'BL00013']);
    const third = await h.queries.arrearsWorklist({ area: '95', asOf: '2021-07-01', limit: 2, cursor: second.nextCursor! });
    expect([third.items.map((i) => i.unitCode), third.nextCursor]).toEqual([['BL00014'], null]);
    const country = await h.queries.arrearsWorklist({ asOf: '2021-07-01' });
    expect([country.items[0].unitCode, country.totals.overdue]).toEqual(['CM00001', '23000000']);
  });

  it.each([1, 2, 3])('leaves out unread only employers that owe nothing: the same list as computing every employer (ledger seed %i)', async (seed) => {
    const h = await stores.harness();
    await h.project(withPaidUpEmployers(randomLedger(seed).log), 7);
    const repository = new ArrearsRepository(h.store.db);
    // The reference reads every employer of the area, as the worklist did before it asked the summary.
    const everyone = { inArea: (scope: Parameters<ArrearsRepository['inArea']>[0]) => repository.inArea(scope) } as ArrearsRepository;
    let listed = 0;
    for (const asOf of ['2021-03-15', '2021-06-30', '2021-12-31', '2022-06-30', '2030-01-01'] as IsoDate[]) {
      for (const area of ['95', ...DISTRICTS]) {
        const scope = areaScope(h.areas, area);
        const expected = await arrearsWorklist(everyone, realLateInterest, scope, asOf, { limit: 500 });
        expect([area, asOf, await arrearsWorklist(repository, realLateInterest, scope, asOf, { limit: 500 })]).toEqual([area, asOf, expected]);
        listed += expected.items.length;
      }
    }
    expect(listed).toBeGreaterThan(20);
    // Some employers were paid up, so the comparison did leave some out.
    expect(Number((await h.store.db.queryOne<{ n: number }>('SELECT COUNT(*) AS n FROM arrears_balances WHERE owes = 0 AND facts_through IS NOT NULL'))!.n)).toBe(5);
  });
});
