import { lateInterest, LATE_INTEREST_K_BY_YEAR, type LateInterest, type LateInterestInput } from './interest.js';

const k2018 = (month: string) => ({ month, reason: 'k for 2018 not configured' });
const k2025 = (month: string) => ({ month, reason: 'k for 2025 not configured' });
const charged = (amount: string): LateInterest => ({ amount, computed: true, notComputed: [] });

describe('lateInterest', () => {
  const cases: [string, LateInterestInput, LateInterest][] = [
    ['charges 0.03 % per day from 2025-07-01: 100,000,000 for 30 days = 900,000',
      { overdue: '100000000', healthPortion: '14062500', dueDate: '2025-07-31', asOf: '2025-08-30' }, charged('900000')],
    ['charges nothing on the due date', { overdue: '100000000', healthPortion: '0', dueDate: '2025-08-31', asOf: '2025-08-31' }, charged('0')],
    ['charges nothing before the due date', { overdue: '100000000', healthPortion: '0', dueDate: '2025-08-31', asOf: '2025-08-01' }, charged('0')],
    ['rounds the daily total half-up once: 1,234,567 for 1 day = 370.37 → 370',
      { overdue: '1234567', healthPortion: '0', dueDate: '2025-08-31', asOf: '2025-09-01' }, charged('370')],
    ['before 2025-07-01 charges nothing in the first 29 days (QĐ 595 art. 37)',
      { overdue: '10000000', healthPortion: '1000000', dueDate: '2017-01-31', asOf: '2017-03-01' }, charged('0')],
    // 64 days late = 2 months × (9,000,000 × 1.317 % + 1,000,000 × 0.967 %) = 2 × (118,530 + 9,670) = 256,400.
    ['charges whole months at k of 2017', { overdue: '10000000', healthPortion: '1000000', dueDate: '2017-01-31', asOf: '2017-04-05' }, charged('256400')],
    // Due 2016-11-30: month 1 ends 2016-12-30 (k 2016: 10,000,000 × 1.065 % = 106,500), month 2 ends 2017-01-29
    // (k 2017: 128,200); 234,700.
    ['takes k of the year in which each month of lateness ends', { overdue: '10000000', healthPortion: '1000000', dueDate: '2016-11-30', asOf: '2017-01-31' }, charged('234700')],
    // 1,234,567 × 1.065 % = 13,148.14 → 13,148.
    ['rounds the monthly total once at the end', { overdue: '1234567', healthPortion: '234567', dueDate: '2016-03-31', asOf: '2016-04-30' }, charged('13148')],
    // Due 2019-11-30, 90 days late on 2020-02-28: month 1 ends 2019-12-30 (k 2019 unknown), months 2 and 3 end
    // 2020-01-29 and 2020-02-28 at k 2020 (TB 63/TB-BHXH): 9,000,000 × 0.9667 % + 1,000,000 × 0.9767 % = 87,003 + 9,767
    // = 96,770 a month; × 2 = 193,540.
    ['charges 2020 at TB 63/TB-BHXH and leaves out only the month of 2019',
      { overdue: '10000000', healthPortion: '1000000', dueDate: '2019-11-30', asOf: '2020-02-28' },
      { amount: '193540', computed: false, note: 'interest of 1 month not computed: k for 2019 not configured', notComputed: [{ month: '2019-12', reason: 'k for 2019 not configured' }] }],
    // Due 2017-10-31, 125 days late on 2018-03-05: months 1–2 end 2017-11-30 and 2017-12-30 (k 2017: 2 × 128,200
    // = 256,400); months 3–4 end 2018-01-29 and 2018-02-28, k 2018 unknown: not computed, the rest still charged.
    ['a year with unknown k leaves out only its own months',
      { overdue: '10000000', healthPortion: '1000000', dueDate: '2017-10-31', asOf: '2018-03-05' },
      { amount: '256400', computed: false, note: 'interest of 2 months not computed: k for 2018 not configured', notComputed: [k2018('2018-01'), k2018('2018-02')] }],
    ['does not guess a k that is not configured', { overdue: '10000000', healthPortion: '0', dueDate: '2021-01-31', asOf: '2021-03-15' },
      { amount: '0', computed: false, note: 'interest of 1 month not computed: k for 2021 not configured', notComputed: [{ month: '2021-03', reason: 'k for 2021 not configured' }] }],
    // Due 2025-04-30, asOf 2025-07-10: 61 days 2025-05-01..06-30 = 2 monthly months ending 2025-05-30 and 2025-06-29,
    // k 2025 unknown → not computed; 10 days from 2025-07-01 need no k: 10,000,000 × 0.03 % × 10 = 30,000, still charged.
    ['across 2025-07-01 with k unknown: the daily days are still charged',
      { overdue: '10000000', healthPortion: '1000000', dueDate: '2025-04-30', asOf: '2025-07-10' },
      { amount: '30000', computed: false, note: 'interest of 2 months not computed: k for 2025 not configured', notComputed: [k2025('2025-05'), k2025('2025-06')] }],
    // Due 2025-05-31, asOf 2025-07-10: June is one month ending 2025-06-30, k 2025 unknown; 10 daily days = 30,000.
    ['across 2025-07-01, one monthly month then daily days', { overdue: '10000000', healthPortion: '1000000', dueDate: '2025-05-31', asOf: '2025-07-10' },
      { amount: '30000', computed: false, note: 'interest of 1 month not computed: k for 2025 not configured', notComputed: [k2025('2025-06')] }],
    // Due 2025-06-30 (period 2025-06): every late day is daily. 61 days × 0.03 % × 10,000,000 = 183,000.
    ['charges only daily days when the due date is 2025-06-30', { overdue: '10000000', healthPortion: '1000000', dueDate: '2025-06-30', asOf: '2025-08-30' }, charged('183000')],
    // Due 2025-06-10: 20 days in June stay under 30, so June is free; 30 days from July 1 cost 90,000.
    ['leaves a monthly stub under 30 days uncharged', { overdue: '10000000', healthPortion: '0', dueDate: '2025-06-10', asOf: '2025-07-30' }, charged('90000')],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    expect(lateInterest(input)).toEqual(expected);
  });

  it('charges a period late across 2025-07-01 monthly before and daily from then, with k of 2025 given', () => {
    const kByYear = { ...LATE_INTEREST_K_BY_YEAR, 2025: { socialPercent: '1', healthPercent: '0.5', source: 'test' } };
    // Due 2025-05-31, asOf 2025-07-10: June gives one month (ending 2025-06-30): 9,000,000 × 1 % + 1,000,000 × 0.5 %
    // = 95,000; then 10 daily days: 10,000,000 × 0.03 % × 10 = 30,000. 125,000.
    expect(lateInterest({ overdue: '10000000', healthPortion: '1000000', dueDate: '2025-05-31', asOf: '2025-07-10' }, kByYear)).toEqual(charged('125000'));
  });

  it('keeps each rate with its source, and its doubt where it is not confirmed', () => {
    expect(Object.keys(LATE_INTEREST_K_BY_YEAR)).toEqual(['2016', '2017', '2020']);
    expect(LATE_INTEREST_K_BY_YEAR[2020]).toMatchObject({ socialPercent: '0.9667', healthPercent: '0.9767', verify: true });
    expect(LATE_INTEREST_K_BY_YEAR[2020].source).toContain('63/TB-BHXH');
    expect(LATE_INTEREST_K_BY_YEAR[2016].doubt).toContain('1.083');
  });
});
