import { EventLog, fundsOf, headcount } from '../testing/event-log.js';
import { contractScenario } from '../testing/contract-scenario.js';
import { describeEachStore } from '../testing/read-models-harness.js';
import { buildNotice } from '../notices/notice.js';

/** An employer of Bạc Liêu (district 954) with monthly assessments of `due` đồng, due at the end of the month (pre-2025 rule). */
function employerWith(periods: { period: string; due: string; dueDate: string; assessedOn?: string }[], unitCode = 'BL00002') {
  const log = new EventLog();
  log.record('EmployerRegistered', { unitCode, name: 'Công ty TNHH Giá Rai', areaCode: '959', registeredOn: '2015-01-01' });
  const assessed = periods.map((p) =>
    log.record('ContributionAssessed', {
      unitCode, areaCode: '959', period: p.period, headcount: headcount(5), payroll: '1', unemploymentPayroll: '1',
      assessedOn: p.assessedOn ?? `${p.period}-01`, dueDate: p.dueDate, funds: fundsOf(p.due), due: p.due,
    }),
  );
  const pay = (receiptNo: string, amount: string, collectedOn: string, period?: string) =>
    log.record('ContributionCollected', {
      receiptNo, payer: { kind: 'employer', unitCode, ...(period ? { period } : {}) }, amount, collectedOn, areaCode: '959',
    });
  return { log, assessed, pay };
}

describeEachStore('employer arrears', (stores) => {
  async function arrearsOf(log: EventLog, unitCode: string, asOf: string) {
    const h = await stores.harness();
    await h.project(log);
    return h.queries.employerArrears(unitCode, asOf);
  }

  it('contract check: BL00001 on 2021-07-31 owes June (16,000,000), 31 days late, after FIFO settled May', async () => {
    const { log, may, june, receipt } = contractScenario();
    const a = (await arrearsOf(log, 'BL00001', '2021-07-31'))!;
    expect(a).toMatchObject({
      unitCode: 'BL00001', name: 'Công ty Thủy sản Bạc Liêu', areaCode: '954', status: 'active', asOf: '2021-07-31',
      due: '32000000', paid: '16000000', outstanding: '16000000', overdue: '16000000', credit: '0',
      oldestUnpaidPeriod: '2021-06', monthsOverdue: 1, bucket: '1-to-3-months',
      // QĐ 595 charges the first month once 30 days have passed, at the k of 2021, which is not configured.
      interest: '0', interestComputed: false,
    });
    expect(a.periods).toEqual([
      // On 10 June only May is late; June is not due until 30 June, so the payment settles May in full, fund by fund
      // (allocation.ts), and June is late in full from 1 July. The headline, the late history and the interest read it alike.
      {
        period: '2021-05', due: '16000000', paid: '16000000', outstanding: '0', dueDate: '2021-05-31', daysLate: 0, interest: '0',
        lateHistory: [{ from: '2021-06-01', to: '2021-06-10', lateAmount: '16000000' }],
      },
      {
        period: '2021-06', due: '16000000', paid: '0', outstanding: '16000000', dueDate: '2021-06-30', daysLate: 31, interest: '0',
        lateHistory: [{ from: '2021-07-01', to: '2021-07-31', lateAmount: '16000000' }],
      },
    ]);
    expect(a.trace.map((t) => [t.position, t.eventId, t.type, t.amount, t.effect])).toEqual([
      [may.position, may.eventId, 'ContributionAssessed', '16000000', 'assessed'],
      [june.position, june.eventId, 'ContributionAssessed', '16000000', 'assessed'],
      [receipt.position, receipt.eventId, 'ContributionCollected', '16000000', 'collected'],
      [12, log.events[11].eventId, 'EmployerStatusChanged', null, 'status'],
    ]);
    expect(a.trace[0].recordedAt).toBe(may.metadata.recordedAt);
  });

  it('a payment naming its period settles that period first and the excess FIFO', async () => {
    const { log, pay } = employerWith([
      { period: '2021-05', due: '16000000', dueDate: '2021-05-31' },
      { period: '2021-06', due: '16000000', dueDate: '2021-06-30' },
    ]);
    pay('R-1', '20000000', '2021-06-10', '2021-06');
    const a = (await arrearsOf(log, 'BL00002', '2021-07-31'))!;
    expect(a.periods.map((p) => [p.period, p.paid, p.outstanding, p.daysLate])).toEqual([
      ['2021-05', '4000000', '12000000', 61],
      ['2021-06', '16000000', '0', 0],
    ]);
    expect([a.overdue, a.oldestUnpaidPeriod, a.bucket]).toEqual(['12000000', '2021-05', '1-to-3-months']);
    // The trace says where each đồng went (allocation.ts): the named June in full, fund by fund, then the
    // 4,000,000 left in the verified order: May's health 2,250,000, BHTN 1,000,000, then 750,000 of its sickness 1,500,000.
    const line = (period: string, fund: string, amount: string) => ({ period, fund, kind: 'principal', amount });
    expect(a.trace.find((t) => t.effect === 'collected')!.allocation).toEqual({
      lines: [
        line('2021-06', 'health', '2250000'), line('2021-06', 'unemployment', '1000000'), line('2021-06', 'sickness', '1500000'),
        line('2021-06', 'accident', '250000'), line('2021-06', 'pension', '11000000'),
        line('2021-05', 'health', '2250000'), line('2021-05', 'unemployment', '1000000'), line('2021-05', 'sickness', '750000'),
      ],
      unallocated: '0',
    });
  });

  it('one allocation everywhere: the headline, the notice and the interest\'s basis settle a payment by fund, not period by period', async () => {
    // January and February 2017, 16,000,000 each (health 2,250,000, BHTN 1,000,000, sickness 1,500,000, TNLĐ 250,000,
    // pension 11,000,000), both late when 20,000,000 is paid on 20 March. Period by period it would settle January and
    // 4,000,000 of February. By fund (allocation.ts): health 2 × 2,250,000, BHTN 2 × 1,000,000, sickness 2 × 1,500,000,
    // TNLĐ 2 × 250,000 = 10,000,000, then January's pension 10,000,000 of 11,000,000: January owes 1,000,000, February 11,000,000.
    const { log, pay } = employerWith([
      { period: '2017-01', due: '16000000', dueDate: '2017-01-31' },
      { period: '2017-02', due: '16000000', dueDate: '2017-02-28' },
    ]);
    pay('R-1', '20000000', '2017-03-20');
    const a = (await arrearsOf(log, 'BL00002', '2017-04-30'))!;
    expect(a.periods.map((p) => [p.period, p.paid, p.outstanding, p.daysLate])).toEqual([
      ['2017-01', '15000000', '1000000', 89],
      ['2017-02', '5000000', '11000000', 61],
    ]);
    expect([a.overdue, a.monthsOverdue, a.oldestUnpaidPeriod, a.bucket, a.credit]).toEqual(['12000000', 2, '2017-01', '1-to-3-months', '0']);
    // The interest's basis: what stayed late after the payment is the headline's outstanding, period by period.
    expect(a.periods.map((p) => p.lateHistory)).toEqual([
      [{ from: '2017-02-01', to: '2017-03-20', lateAmount: '16000000' }, { from: '2017-03-21', to: '2017-04-30', lateAmount: '1000000' }],
      [{ from: '2017-03-01', to: '2017-03-20', lateAmount: '16000000' }, { from: '2017-03-21', to: '2017-04-30', lateAmount: '11000000' }],
    ]);
    // QĐ 595 art. 37 at k 2017 (1.317 %, health 0.967 %): January's February on 16,000,000 (health 2,250,000 × 0.967 % =
    // 21,757.5, the rest 13,750,000 × 1.317 % = 181,087.5), then March and April on its 1,000,000 of pension (13,170 each):
    // 229,185; February's March and April on 11,000,000 of pension: 2 × 144,870 = 289,740. Rounded per fund: 518,926.
    expect(a.periods.map((p) => p.interest)).toEqual(['229185', '289740']);
    expect([a.interest, a.interestComputed]).toEqual(['518926', true]);
    // The monthly notice of March reads the same payment the same way.
    const notice = buildNotice({
      unitCode: 'BL00002', name: 'Công ty TNHH Giá Rai', areaCode: '959', month: '2017-03',
      facts: log.events.map((e) => ({ eventId: e.eventId, type: e.type, position: e.position, data: e.data })),
    });
    expect(notice.lateAmount.periods.map((p) => [p.period, p.amount])).toEqual([['2017-01', '1000000'], ['2017-02', '11000000']]);
    expect(notice.paid.payments[0].allocation.filter((line) => line.fund === 'pension')).toEqual([{ period: '2017-01', fund: 'pension', kind: 'principal', amount: '10000000' }]);
  });

  it('partial payments reduce the oldest period; an overpayment stays as credit', async () => {
    const { log, pay } = employerWith([
      { period: '2021-01', due: '10000000', dueDate: '2021-01-31' },
      { period: '2021-02', due: '10000000', dueDate: '2021-02-28' },
    ]);
    pay('R-1', '3000000', '2021-02-05');
    pay('R-2', '4000000', '2021-02-10');
    const partly = (await arrearsOf(log, 'BL00002', '2021-03-10'))!;
    expect(partly.periods.map((p) => [p.period, p.paid, p.outstanding, p.daysLate])).toEqual([
      ['2021-01', '7000000', '3000000', 38],
      ['2021-02', '0', '10000000', 10],
    ]);
    expect([partly.outstanding, partly.overdue, partly.monthsOverdue, partly.bucket]).toEqual(['13000000', '13000000', 2, '1-to-3-months']);

    pay('R-3', '15000000', '2021-03-15');
    const settled = (await arrearsOf(log, 'BL00002', '2021-03-31'))!;
    expect([settled.paid, settled.outstanding, settled.overdue, settled.credit, settled.bucket, settled.oldestUnpaidPeriod]).toEqual([
      '22000000', '0', '0', '2000000', 'current', null,
    ]);
  });

  it('an employer dissolved on asOf that still owes is hard to collect; before that, it is bucketed by age', async () => {
    const { log } = employerWith([{ period: '2021-03', due: '5000000', dueDate: '2021-03-31' }]);
    log.record('EmployerStatusChanged', { unitCode: 'BL00002', areaCode: '959', status: 'dissolved', effectiveOn: '2021-04-15', reason: 'Giải thể' });
    const after = (await arrearsOf(log, 'BL00002', '2021-04-20'))!;
    expect([after.status, after.bucket, after.overdue]).toEqual(['dissolved', 'hard-to-collect', '5000000']);
    const before = (await arrearsOf(log, 'BL00002', '2021-04-10'))!;
    expect([before.status, before.bucket, before.periods[0].daysLate]).toEqual(['active', 'under-1-month', 10]);
  });

  it('daily regime (Luật BHXH 2024): 100,000,000 for 2025-07 due 2025-08-31, 30 days late on 2025-09-30 → 900,001', async () => {
    // 0.03 % a day for 30 days, rounded per fund (late-interest.ts INTEREST_ROUNDING): health 14,062,500 → 126,562.5 → 126,563,
    // accident 1,562,500 → 14,062.5 → 14,063, pension 618,750, sickness 84,375, unemployment 56,250 = 900,001. A period's
    // `interest` is its exact interest rounded once (900,000): it says what the period costs, the total is what is owed.
    const { log } = employerWith([{ period: '2025-07', due: '100000000', dueDate: '2025-08-31', assessedOn: '2025-08-01' }]);
    const a = (await arrearsOf(log, 'BL00002', '2025-09-30'))!;
    expect(a.periods).toEqual([
      {
        period: '2025-07', due: '100000000', paid: '0', outstanding: '100000000', dueDate: '2025-08-31', daysLate: 30, interest: '900000',
        lateHistory: [{ from: '2025-09-01', to: '2025-09-30', lateAmount: '100000000' }],
      },
    ]);
    expect([a.interest, a.interestComputed, a.bucket]).toEqual(['900001', true, 'under-1-month']);
  });

  it('monthly regime (QĐ 595 art. 37): 10,000,000 for 2017-03, 60 days late → April charged on 1 May: 8,593,750 × 1.317% + 1,406,250 × 0.967% = 126,778', async () => {
    // May is charged on 1 June: on 2017-05-30 it is not yet (late-interest.ts; docs/decisions.md "pure rules first").
    const { log } = employerWith([{ period: '2017-03', due: '10000000', dueDate: '2017-03-31' }]);
    const a = (await arrearsOf(log, 'BL00002', '2017-05-30'))!;
    expect([a.interest, a.interestComputed, a.periods[0].daysLate, a.bucket]).toEqual(['126778', true, 60, '1-to-3-months']);
  });

  it('a year with unknown k leaves out only its own months: 2017 months charged, 2018 months listed as not computed', async () => {
    // 10,000,000 a period, health 1,406,250: a month at k 2017 = 8,593,750 × 1.317 % + 1,406,250 × 0.967 % = 126,778.
    // 2017-10 (due 2017-10-31), on 2018-03-05: November is charged on 2017-12-01 at k 2017 (126,778); December, January and
    //   February are charged on 1 January, 1 February, 1 March 2018 and need k 2018: not computed.
    // 2017-11 (due 2017-11-30): December, January, February need k 2018: nothing charged.
    const { log } = employerWith([{ period: '2017-10', due: '10000000', dueDate: '2017-10-31' }, { period: '2017-11', due: '10000000', dueDate: '2017-11-30' }]);
    const a = (await arrearsOf(log, 'BL00002', '2018-03-05'))!;
    expect(a.periods.map((p) => [p.period, p.daysLate, p.interest])).toEqual([['2017-10', 125, '126778'], ['2017-11', 95, '0']]);
    const notComputed = (period: string, month: string) => [
      { period, month, reason: 'k for 2018 (health) not announced' }, { period, month, reason: 'k for 2018 (social) not announced' },
    ];
    expect([a.interest, a.interestComputed, a.interestDetail]).toEqual(['126778', false, {
      charged: '0', accrued: '126778', paid: '0', outstanding: '126778',
      notComputed: ['2017-10', '2017-11'].flatMap((period) => ['2017-12', '2018-01', '2018-02'].flatMap((month) => notComputed(period, month))),
    }]);
    expect(a.interestNotes).toEqual([
      '2017-10: interest of 3 month(s) not computed: k for 2018 (health) not announced, k for 2018 (social) not announced',
      '2017-11: interest of 3 month(s) not computed: k for 2018 (health) not announced, k for 2018 (social) not announced',
    ]);
  });

  it('across 2025-07-01 with k 2025 unknown, the daily days are still charged', async () => {
    // 2025-05 (due 2025-05-31), on 2025-07-10: June is charged on 1 July and needs k 2025 (unknown); the 10 days from
    // 2025-07-01 at 0.03 % a day, rounded per fund (late-interest.ts): pension 6,875,000 → 20,625, sickness 937,500 →
    // 2,812.5 → 2,813, accident 156,250 → 468.75 → 469, unemployment 625,000 → 1,875, health 1,406,250 → 4,218.75 → 4,219 = 30,001.
    const { log } = employerWith([{ period: '2025-05', due: '10000000', dueDate: '2025-05-31' }]);
    const a = (await arrearsOf(log, 'BL00002', '2025-07-10'))!;
    expect([a.interest, a.interestComputed, a.interestDetail.notComputed]).toEqual(['30001', false, [
      { period: '2025-05', month: '2025-06', reason: 'k for 2025 (health) not announced' },
      { period: '2025-05', month: '2025-06', reason: 'k for 2025 (social) not announced' },
    ]]);
  });

  it('as of a past date, later assessments and payments do not count', async () => {
    const { log } = contractScenario();
    const a = (await arrearsOf(log, 'BL00001', '2021-06-05'))!;
    expect([a.due, a.paid, a.outstanding, a.overdue, a.monthsOverdue, a.bucket]).toEqual(['32000000', '0', '32000000', '16000000', 1, 'under-1-month']);
    expect(a.periods.map((p) => p.daysLate)).toEqual([5, 0]);
    expect(a.trace.map((t) => t.effect)).toEqual(['assessed', 'assessed']);
    const early = (await arrearsOf(log, 'BL00001', '2021-05-15'))!;
    expect([early.due, early.overdue, early.bucket]).toEqual(['16000000', '0', 'current']);
  });

  it('a reversed payment stops counting from its reversal date, and the trace shows it', async () => {
    const { log, receipt } = contractScenario();
    const reversal = log.reverse(receipt, '2021-07-05', 'Nhầm đơn vị');
    const before = (await arrearsOf(log, 'BL00001', '2021-07-01'))!;
    expect([before.paid, before.outstanding]).toEqual(['16000000', '16000000']);
    const after = (await arrearsOf(log, 'BL00001', '2021-07-31'))!;
    expect([after.paid, after.outstanding, after.overdue, after.oldestUnpaidPeriod, after.monthsOverdue]).toEqual([
      '0', '32000000', '32000000', '2021-05', 2,
    ]);
    expect(after.bucket).toBe('1-to-3-months');
    expect(after.trace.at(-1)).toMatchObject({ position: reversal.position, eventId: reversal.eventId, type: 'EntryReversed', amount: '16000000', effect: 'reversed' });
  });

  it('a reversed assessment frees its period: nothing is owed for June', async () => {
    const { log, june } = contractScenario();
    log.reverse(june, '2021-07-10');
    const a = (await arrearsOf(log, 'BL00001', '2021-07-31'))!;
    expect([a.due, a.paid, a.outstanding, a.overdue, a.bucket]).toEqual(['16000000', '16000000', '0', '0', 'current']);
    expect(a.periods.map((p) => p.period)).toEqual(['2021-05']);
  });

  it('an unknown employer has no arrears (the API answers 404)', async () => {
    const { log } = contractScenario();
    expect(await arrearsOf(log, 'NOPE001', '2021-07-31')).toBeUndefined();
  });
});
