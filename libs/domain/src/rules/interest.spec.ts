import { lateInterest, LATE_INTEREST_K_BY_YEAR } from './interest.js';

describe('lateInterest', () => {
  it('charges 0.03 % per day from 2025-07-01: 100,000,000 for 30 days = 900,000', () => {
    expect(lateInterest({ overdue: '100000000', healthPortion: '14062500', dueDate: '2025-07-31', asOf: '2025-08-30' }))
      .toEqual({ amount: '900000', computed: true });
  });

  it('charges nothing on or before the due date', () => {
    expect(lateInterest({ overdue: '100000000', healthPortion: '0', dueDate: '2025-08-31', asOf: '2025-08-31' })).toEqual({ amount: '0', computed: true });
    expect(lateInterest({ overdue: '100000000', healthPortion: '0', dueDate: '2025-08-31', asOf: '2025-08-01' })).toEqual({ amount: '0', computed: true });
  });

  it('rounds the daily total half-up once: 1,234,567 for 1 day = 370.37 → 370', () => {
    expect(lateInterest({ overdue: '1234567', healthPortion: '0', dueDate: '2025-08-31', asOf: '2025-09-01' }).amount).toBe('370');
  });

  it('before 2025-07-01 charges nothing in the first 29 days (QĐ 595 art. 37)', () => {
    expect(lateInterest({ overdue: '10000000', healthPortion: '1000000', dueDate: '2017-01-31', asOf: '2017-03-01' }))
      .toEqual({ amount: '0', computed: true });
  });

  it('charges whole months at k of 2017: 64 days late = 2 months × (9,000,000 × 1.317 % + 1,000,000 × 0.967 %) = 256,400', () => {
    expect(lateInterest({ overdue: '10000000', healthPortion: '1000000', dueDate: '2017-01-31', asOf: '2017-04-05' }))
      .toEqual({ amount: '256400', computed: true });
  });

  it('takes k of the year in which each month of lateness ends: 2016 then 2017 = 106,500 + 128,200', () => {
    // Due 2016-11-30: month 1 ends 2016-12-30 (k 2016), month 2 ends 2017-01-29 (k 2017).
    expect(lateInterest({ overdue: '10000000', healthPortion: '1000000', dueDate: '2016-11-30', asOf: '2017-01-31' }))
      .toEqual({ amount: '234700', computed: true });
  });

  it('rounds the monthly total once at the end: 1,234,567 for 1 month at 1.065 % = 13,148.14 → 13,148', () => {
    expect(lateInterest({ overdue: '1234567', healthPortion: '234567', dueDate: '2016-03-31', asOf: '2016-04-30' }).amount).toBe('13148');
  });

  it('does not guess a k that is not configured', () => {
    expect(lateInterest({ overdue: '10000000', healthPortion: '0', dueDate: '2021-01-31', asOf: '2021-03-15' }))
      .toEqual({ amount: '0', computed: false, note: 'interest not computed: k for 2021 not configured' });
  });

  it('charges a period late across 2025-07-01 monthly before and daily from then', () => {
    const kByYear = { ...LATE_INTEREST_K_BY_YEAR, 2025: { socialPercent: '1', healthPercent: '0.5', source: 'test' } };
    // Due 2025-05-31, asOf 2025-07-10: June gives 30 monthly days (one month ending 2025-06-30),
    // then 10 daily days. 9,000,000 × 1 % + 1,000,000 × 0.5 % = 95,000; 10,000,000 × 0.03 % × 10 = 30,000.
    expect(lateInterest({ overdue: '10000000', healthPortion: '1000000', dueDate: '2025-05-31', asOf: '2025-07-10' }, kByYear))
      .toEqual({ amount: '125000', computed: true });
    // With 2025 not configured the month of June cannot be charged.
    expect(lateInterest({ overdue: '10000000', healthPortion: '1000000', dueDate: '2025-05-31', asOf: '2025-07-10' }))
      .toEqual({ amount: '0', computed: false, note: 'interest not computed: k for 2025 not configured' });
  });

  it('charges only days from 2025-07-01 when the monthly days never reach 30', () => {
    // Due 2025-06-30 (period 2025-06): every late day is under the daily regime. 61 days × 0.03 % × 10,000,000 = 183,000.
    expect(lateInterest({ overdue: '10000000', healthPortion: '1000000', dueDate: '2025-06-30', asOf: '2025-08-30' }))
      .toEqual({ amount: '183000', computed: true });
    // Due 2025-06-10: 20 days in June stay under 30, so June is free; 30 days from July 1 cost 90,000.
    expect(lateInterest({ overdue: '10000000', healthPortion: '0', dueDate: '2025-06-10', asOf: '2025-07-30' }))
      .toEqual({ amount: '90000', computed: true });
  });
});
