import { addDays, daysBetween, type IsoDate } from '../calendar.js';
import { Dec, roundToDong, type Money } from '../money.js';

/** The first day charged under the daily regime of Luật BHXH 2024. */
export const DAILY_INTEREST_FROM: IsoDate = '2025-07-01';

/** 0.03 % per day late on the overdue amount, every fund alike (Luật BHXH 2024; domain.md). */
export const DAILY_INTEREST_PERCENT = '0.03';

/** Under QĐ 595/QĐ-BHXH art. 37 interest starts once a payment is this many days late, month by month. */
export const DAYS_PER_INTEREST_MONTH = 30;

/** Monthly interest rates k of one calendar year, in percent per month (decimal strings). */
export interface MonthlyInterestRates {
  /** BHXH and BHTN: 2 × the fund's average investment yield of the prior year, per month. */
  socialPercent: string;
  /** BHYT: 2 × the prior year's average interbank rate, per month. */
  healthPercent: string;
  source: string;
}

/**
 * k by calendar year for late payment before 2025-07-01 (QĐ 595/QĐ-BHXH art. 37). BHXH Việt Nam
 * announces k each year: to configure a year, add its row with the announcement as source. A year
 * missing here is never guessed; interest that needs it is reported as not computed.
 */
export const LATE_INTEREST_K_BY_YEAR: Readonly<Record<number, MonthlyInterestRates>> = {
  2016: { socialPercent: '1.065', healthPercent: '1.065', source: 'QĐ 595/QĐ-BHXH art. 37; domain.md (2016: 1.065 %/month)' },
  2017: { socialPercent: '1.317', healthPercent: '0.967', source: 'QĐ 595/QĐ-BHXH art. 37; domain.md (2017: 1.317 % BHXH/BHTN, 0.967 % BHYT)' },
};

export interface LateInterestInput {
  /** The overdue amount of one period. */
  overdue: Money;
  /** The part of `overdue` owed to the health-insurance fund (≤ overdue), charged at k BHYT. */
  healthPortion: Money;
  dueDate: IsoDate;
  asOf: IsoDate;
}

export interface LateInterest {
  amount: Money;
  computed: boolean;
  note?: string;
}

/**
 * Late-payment interest on one period's overdue amount as of a date. Lateness is the days after
 * `dueDate` up to `asOf`. Days before 2025-07-01 follow QĐ 595/QĐ-BHXH art. 37: month m of lateness
 * (1-based) is charged once those days reach 30·m, at the k of the year in which that month ends,
 * (overdue − health) × k BHXH/BHTN + health × k BHYT. Days from 2025-07-01 are charged 0.03 % per
 * day on the whole overdue amount (Luật BHXH 2024). A period late across 2025-07-01 takes the
 * monthly regime for its days before and the daily regime for its days from then. The total is
 * rounded half-up to the đồng once, at the end.
 */
export function lateInterest(input: LateInterestInput, kByYear: Readonly<Record<number, MonthlyInterestRates>> = LATE_INTEREST_K_BY_YEAR): LateInterest {
  const daysLate = daysBetween(input.dueDate, input.asOf);
  if (daysLate <= 0) return { amount: '0', computed: true };

  const firstDayLate = addDays(input.dueDate, 1);
  const monthlyDays = Math.max(0, Math.min(daysLate, daysBetween(firstDayLate, DAILY_INTEREST_FROM)));
  const dailyDays = daysLate - monthlyDays;

  let total = new Dec(0);
  const socialPortion = new Dec(input.overdue).minus(input.healthPortion);
  for (let month = 1; DAYS_PER_INTEREST_MONTH * month <= monthlyDays; month++) {
    const year = Number(addDays(input.dueDate, DAYS_PER_INTEREST_MONTH * month).slice(0, 4));
    const k = kByYear[year];
    if (!k) return { amount: '0', computed: false, note: `interest not computed: k for ${year} not configured` };
    total = total
      .plus(socialPortion.times(k.socialPercent).dividedBy(100))
      .plus(new Dec(input.healthPortion).times(k.healthPercent).dividedBy(100));
  }
  total = total.plus(new Dec(input.overdue).times(DAILY_INTEREST_PERCENT).dividedBy(100).times(dailyDays));
  return { amount: roundToDong(total), computed: true };
}
