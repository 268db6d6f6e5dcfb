import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interestRatesFrom, type InterestRateAnnouncement } from './interest-rates.js';
import { lateInterestCharge, monthsLeftUncomputed, type InterestWindow, type LateAmountChange, type PeriodLateTimeline } from './late-interest.js';

const seedPath = join(dirname(fileURLToPath(import.meta.url)), '../../../../reference-data/interest-rates.json');
const seed = JSON.parse(readFileSync(seedPath, 'utf8')) as { rates: (InterestRateAnnouncement & { verified: boolean })[] };
const rates = interestRatesFrom(seed.rates);

/** A period assessed 9,000,000 to the pension fund and 1,000,000 to health on its due date. */
function assessed(period: string, dueDate: string, ...payments: LateAmountChange[]): PeriodLateTimeline {
  return {
    period, dueDate,
    changes: [{ on: dueDate, fund: 'pension', change: '9000000' }, { on: dueDate, fund: 'health', change: '1000000' }, ...payments],
  };
}
const paid = (on: string, pension: string, health = '0'): LateAmountChange[] => [
  { on, fund: 'pension', change: `-${pension}` }, { on, fund: 'health', change: `-${health}` },
];
const funds = (pension: string, health: string) => ({ pension, sickness: '0', accident: '0', health, unemployment: '0' });

describe('lateInterestCharge: the monthly regime before 2025-07-01 (QĐ 595 art. 37)', () => {
  const cases: [string, PeriodLateTimeline, InterestWindow, { pension: string; health: string; total: string; months: number }][] = [
    // Due 2017-01-31, paid in full on 2017-04-30 (day 89): owed at the end of February and of March, so charged on
    // 2017-03-01 and 2017-04-01 at k 2017 (1.317 % / 0.967 %): 2 × 118,530 = 237,060 and 2 × 9,670 = 19,340.
    ['a period paid on day 89 still owes its two late months', assessed('2017-01', '2017-01-31', ...paid('2017-04-30', '9000000', '1000000')),
      { to: '2017-12-31' }, { pension: '237060', health: '19340', total: '256400', months: 4 }],
    // Paid on day 90 (2017-05-01): April ended unpaid too, a third month.
    ['paid on day 90, April is charged too', assessed('2017-01', '2017-01-31', ...paid('2017-05-01', '9000000', '1000000')),
      { to: '2017-12-31' }, { pension: '355590', health: '29010', total: '384600', months: 6 }],
    // Paid on 2017-02-28, within the month after the deadline: nothing was owed at the end of any month after it.
    ['paid within 30 days, no interest', assessed('2017-01', '2017-01-31', ...paid('2017-02-28', '9000000', '1000000')),
      { to: '2017-12-31' }, { pension: '0', health: '0', total: '0', months: 0 }],
    // A partial payment in March: February on 9,000,000; March on what was left at its end, 4,000,000 (52,680).
    ['a partial payment lowers the next month-end amount', assessed('2017-01', '2017-01-31', ...paid('2017-03-15', '5000000')),
      { to: '2017-03-31' }, { pension: '171210', health: '19340', total: '190550', months: 4 }],
    // 2016's BHYT k is 1.083 % (TB 619/TB-BHXH), not 1.065 %: February 2016 charged on 2016-03-01.
    ['2016 health at 1.083 %', assessed('2016-01', '2016-01-31'), { to: '2016-02-29' }, { pension: '95850', health: '10830', total: '106680', months: 2 }],
    // A month-end close of March charges only March (its last day is in the window).
    ['a window charges only its own months', assessed('2017-01', '2017-01-31'), { from: '2017-03-01', to: '2017-03-31' },
      { pension: '118530', health: '9670', total: '128200', months: 2 }],
  ];

  it.each(cases)('%s', (_name, timeline, window, expected) => {
    const charge = lateInterestCharge([timeline], window, rates);
    expect({ byFund: charge.byFund, total: charge.total, months: charge.basis.length, computed: charge.computed })
      .toEqual({ byFund: funds(expected.pension, expected.health), total: expected.total, months: expected.months, computed: true });
  });

  it('states each month as a basis line with its late amount, dates, k and the announcement', () => {
    const charge = lateInterestCharge([assessed('2017-01', '2017-01-31', ...paid('2017-03-15', '5000000'))], { to: '2017-03-31' }, rates);
    expect(charge.basis.filter((line) => line.fund === 'pension')).toEqual([
      { period: '2017-01', fund: 'pension', lateAmount: '9000000', from: '2017-02-01', to: '2017-02-28', rate: '1.317', per: 'month', count: 1, interest: '118530',
        ruleSource: expect.stringContaining('QĐ 595/QĐ-BHXH art. 37') },
      { period: '2017-01', fund: 'pension', lateAmount: '4000000', from: '2017-03-01', to: '2017-03-31', rate: '1.317', per: 'month', count: 1, interest: '52680',
        ruleSource: expect.stringContaining('k 2017: TB 425/TB-BHXH (BHXH Việt Nam) (2017-02-14)') },
    ]);
  });

  it('leaves out only the months whose k is unknown, fund by fund', () => {
    // Due 2017-10-31, unpaid. November is charged on 2017-12-01 at k 2017. December and January are charged in
    // 2018: BHYT at 0.75 % (7,500 each), BHXH's 2018 k is not known: those two pension months are not computed.
    const charge = lateInterestCharge([assessed('2017-10', '2017-10-31')], { to: '2018-01-31' }, rates);
    expect({ byFund: charge.byFund, total: charge.total, computed: charge.computed }).toEqual({ byFund: funds('118530', '24670'), total: '143200', computed: false });
    expect(charge.notComputed).toEqual([
      { period: '2017-10', fund: 'pension', month: '2017-12', lateAmount: '9000000', reason: 'k for 2018 (social) not announced' },
      { period: '2017-10', fund: 'pension', month: '2018-01', lateAmount: '9000000', reason: 'k for 2018 (social) not announced' },
    ]);
  });

  it('charges what was known on a date: before TB 425 was announced, 2017\'s BHXH k is unknown', () => {
    const knownThen = interestRatesFrom(seed.rates, '2017-02-01');
    const charge = lateInterestCharge([assessed('2017-01', '2017-01-31')], { to: '2017-02-28' }, knownThen);
    expect({ byFund: charge.byFund, months: charge.notComputed.map((m) => `${m.fund} ${m.month}`) }).toEqual({ byFund: funds('0', '9670'), months: ['pension 2017-02'] });
  });

  it('charges the months an earlier window left uncomputed once k is known, and each such month once', () => {
    // The window to 2018-01-31 left pension's December and January (k 2018 social unknown). Announced later at
    // 0.9 %: the window of February charges February (9,000,000 × 0.9 % = 81,000) and the two earlier months
    // (2 × 81,000), pension 243,000; health February only (k 2018 BHYT 0.75 %: 7,500).
    const timeline = assessed('2017-10', '2017-10-31');
    const first = lateInterestCharge([timeline], { to: '2018-01-31' }, rates);
    const k2018 = interestRatesFrom([...seed.rates, { year: 2018, fund: 'social', monthlyPercent: '0.9', documentRef: 'TB 2018 (test)', announcedOn: '2018-02-10' }]);
    const earlier = monthsLeftUncomputed([first]);
    expect(earlier.map((m) => `${m.fund} ${m.month}`)).toEqual(['pension 2017-12', 'pension 2018-01']);
    const second = lateInterestCharge([timeline], { from: '2018-02-01', to: '2018-02-28', earlier }, k2018);
    expect({ byFund: second.byFund, notComputed: second.notComputed }).toEqual({ byFund: funds('243000', '7500'), notComputed: [] });
    expect(second.basis.filter((line) => line.fund === 'pension').map((line) => `${line.from} ${line.interest}`)).toEqual(['2017-12-01 81000', '2018-01-01 81000', '2018-02-01 81000']);
    // Charged by the second window: off the list. Still unknown (the first k only): listed again, not charged.
    expect(monthsLeftUncomputed([first, second])).toEqual([]);
    const stillUnknown = lateInterestCharge([timeline], { from: '2018-02-01', to: '2018-02-28', earlier }, rates);
    expect(stillUnknown.notComputed.map((m) => `${m.fund} ${m.month}`)).toEqual(['pension 2017-12', 'pension 2018-01', 'pension 2018-02']);
  });

  it('rounds each fund\'s sum half-up once: 1,234,567 × 1.065 % = 13,148.14 → 13,148', () => {
    const timeline: PeriodLateTimeline = { period: '2016-03', dueDate: '2016-03-31', changes: [{ on: '2016-03-31', fund: 'pension', change: '1234567' }] };
    const charge = lateInterestCharge([timeline], { to: '2016-04-30' }, rates);
    expect({ pension: charge.byFund.pension, exact: charge.basis[0].interest }).toEqual({ pension: '13148', exact: '13148.13855' });
  });
});

describe('lateInterestCharge: from 2025-07-01, 0.03 % a day', () => {
  it('charges a period late across 2025-07-01 monthly for June and daily from July 1, with k 2025 not announced', () => {
    // Due 2025-05-31. June is a monthly month charged on 2025-07-01: k 2025 unknown, not computed. From July 1 the
    // daily rule: 07-01..07-05 on 9,000,000 (5 × 2,700 = 13,500) and, after 4,000,000 paid on 07-05, 07-06..07-10 on
    // 5,000,000 (5 × 1,500 = 7,500); health 10 × 300 = 3,000.
    const charge = lateInterestCharge([assessed('2025-05', '2025-05-31', { on: '2025-07-05', fund: 'pension', change: '-4000000' })], { to: '2025-07-10' }, rates);
    expect({ byFund: charge.byFund, total: charge.total }).toEqual({ byFund: funds('21000', '3000'), total: '24000' });
    expect(charge.notComputed.map((m) => `${m.fund} ${m.month} ${m.reason}`)).toEqual(['pension 2025-06 k for 2025 (social) not announced', 'health 2025-06 k for 2025 (health) not announced']);
    expect(charge.basis.filter((line) => line.fund === 'pension').map(({ lateAmount, from, to, rate, per, count, interest }) => ({ lateAmount, from, to, rate, per, count, interest }))).toEqual([
      { lateAmount: '9000000', from: '2025-07-01', to: '2025-07-05', rate: '0.03', per: 'day', count: 5, interest: '13500' },
      { lateAmount: '5000000', from: '2025-07-06', to: '2025-07-10', rate: '0.03', per: 'day', count: 5, interest: '7500' },
    ]);
  });

  it('takes each rule for its own days once k 2025 is announced', () => {
    const withK2025 = interestRatesFrom([...seed.rates,
      { year: 2025, fund: 'social', monthlyPercent: '1', documentRef: 'test', announcedOn: '2025-01-10' },
      { year: 2025, fund: 'health', monthlyPercent: '0.5', documentRef: 'test', announcedOn: '2025-01-10' }]);
    // June: 9,000,000 × 1 % = 90,000 and 1,000,000 × 0.5 % = 5,000; then 10 days: 27,000 and 3,000.
    const charge = lateInterestCharge([assessed('2025-05', '2025-05-31')], { to: '2025-07-10' }, withK2025);
    expect({ byFund: charge.byFund, total: charge.total, computed: charge.computed }).toEqual({ byFund: funds('117000', '8000'), total: '125000', computed: true });
  });

  it('charges a period due after 2025-07-01 from the day after its deadline, up to and including the payment day', () => {
    // Period 2025-07 is due 2025-08-31 (Luật BHXH 2024). Paid on 2025-09-10: 10 days late on 10,000,000 = 30,000.
    const charge = lateInterestCharge([assessed('2025-07', '2025-08-31', ...paid('2025-09-10', '9000000', '1000000'))], { to: '2025-12-31' }, rates);
    expect({ byFund: charge.byFund, days: charge.basis.map((line) => `${line.from}..${line.to}`) })
      .toEqual({ byFund: funds('27000', '3000'), days: ['2025-09-01..2025-09-10', '2025-09-01..2025-09-10'] });
  });
});

describe('the seed of announced rates', () => {
  it('holds every known year with its document and marks the unverified ones', () => {
    expect(seed.rates.map((r) => `${r.year} ${r.fund} ${r.monthlyPercent}${r.verified ? '' : ' (verify)'}`)).toEqual([
      '2016 social 1.065', '2016 health 1.083', '2017 social 1.317', '2017 health 0.967', '2018 health 0.75 (verify)',
      '2020 social 0.9667 (verify)', '2020 health 0.9767 (verify)', '2021 health 0.5133 (verify)',
    ]);
    for (const rate of seed.rates) expect(rate.documentRef.length).toBeGreaterThan(0);
  });
});
