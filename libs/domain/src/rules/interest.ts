import { addDays, daysBetween, monthOf, type IsoDate, type IsoMonth } from '../calendar.js';
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
  /** BHYT: 2 × the prior year's 9-month interbank rate, per month. */
  healthPercent: string;
  /** The announcement (or, failing it, the secondary source) the rates come from. */
  source: string;
  /** Set when a value is not confirmed from the announcement itself (domain.md *(verify)*). */
  verify?: true;
  /** What is in doubt, so that it travels with the rate into docs and reviews. */
  doubt?: string;
}

/**
 * k by calendar year for late payment before 2025-07-01 (QĐ 595/QĐ-BHXH art. 37). BHXH Việt Nam
 * announces k each January: to configure a year, add its row with the announcement as source. A year
 * missing here is never guessed (not even from its neighbours, as a dated table would): the months of
 * lateness that need it are reported as not computed, one by one, and every other month is charged.
 */
export const LATE_INTEREST_K_BY_YEAR: Readonly<Record<number, MonthlyInterestRates>> = {
  2016: {
    socialPercent: '1.065', healthPercent: '1.065', source: 'QĐ 595/QĐ-BHXH art. 37; domain.md (2016: BHXH/BHTN 1.065 %/month)', verify: true,
    doubt: 'domain.md gives only the BHXH/BHTN rate for 2016; BHYT 1.065 % is carried over from it. A lead says BHYT 2016 was 1.083 %; '
      + 'not confirmed from a BHXH Việt Nam notice (search found none), so 1.065 % stays until the notice is found.',
  },
  2017: { socialPercent: '1.317', healthPercent: '0.967', source: 'QĐ 595/QĐ-BHXH art. 37; domain.md (2017: 1.317 % BHXH/BHTN, 0.967 % BHYT)' },
  2020: {
    socialPercent: '0.9667', healthPercent: '0.9767', verify: true,
    source: 'Thông báo 63/TB-BHXH of 2020-01-08 (2019 fund yield 5.80 %/year, 9-month interbank 5.86 %/year); QĐ 595/QĐ-BHXH art. 37; domain.md',
    doubt: 'rounding of k to verify: 5.80 × 2 ÷ 12 = 0.96666… is given as 0.9667 %, 5.86 × 2 ÷ 12 = 0.97666… as 0.9767 %, '
      + 'while VSS\'s worked example charges 0.9666 %. Leads not configured: BHYT 2018 0.75 %, BHYT 2022 0.5433 % (no BHXH/BHTN rate known for those years).',
  },
};

/** One month of lateness whose interest could not be computed, and why. */
export interface UncomputedInterestMonth {
  /** The calendar month in which that month of lateness ends and is charged. */
  month: IsoMonth;
  reason: string;
}

export interface LateInterestInput {
  /** The overdue amount of one period. */
  overdue: Money;
  /** The part of `overdue` owed to the health-insurance fund (≤ overdue), charged at k BHYT. */
  healthPortion: Money;
  dueDate: IsoDate;
  asOf: IsoDate;
}

export interface LateInterest {
  /** The interest of every month and day that could be computed. */
  amount: Money;
  /** False when some month of lateness is left out of `amount` (see `notComputed`). */
  computed: boolean;
  note?: string;
  notComputed: UncomputedInterestMonth[];
}

/**
 * Late-payment interest on one period's overdue amount as of a date. Lateness is the days after
 * `dueDate` up to `asOf`. Days before 2025-07-01 follow QĐ 595/QĐ-BHXH art. 37: month m of lateness
 * (1-based) is charged once those days reach 30·m, at the k of the year in which that month ends,
 * (overdue − health) × k BHXH/BHTN + health × k BHYT. Days from 2025-07-01 are charged 0.03 % per
 * day on the whole overdue amount (Luật BHXH 2024). A period late across 2025-07-01 takes the
 * monthly regime for its days before and the daily regime for its days from then. A month of
 * lateness whose year has no k is left out and listed in `notComputed`; the other months and the
 * daily days are still charged. The total is rounded half-up to the đồng once, at the end.
 */
export function lateInterest(input: LateInterestInput, kByYear: Readonly<Record<number, MonthlyInterestRates>> = LATE_INTEREST_K_BY_YEAR): LateInterest {
  const daysLate = daysBetween(input.dueDate, input.asOf);
  if (daysLate <= 0) return { amount: '0', computed: true, notComputed: [] };

  const firstDayLate = addDays(input.dueDate, 1);
  const monthlyDays = Math.max(0, Math.min(daysLate, daysBetween(firstDayLate, DAILY_INTEREST_FROM)));
  const dailyDays = daysLate - monthlyDays;

  let total = new Dec(0);
  const notComputed: UncomputedInterestMonth[] = [];
  const missingYears = new Set<number>();
  const socialPortion = new Dec(input.overdue).minus(input.healthPortion);
  for (let month = 1; DAYS_PER_INTEREST_MONTH * month <= monthlyDays; month++) {
    const chargedOn = addDays(input.dueDate, DAYS_PER_INTEREST_MONTH * month);
    const year = Number(chargedOn.slice(0, 4));
    const k = kByYear[year];
    if (!k) {
      notComputed.push({ month: monthOf(chargedOn), reason: `k for ${year} not configured` });
      missingYears.add(year);
      continue;
    }
    total = total
      .plus(socialPortion.times(k.socialPercent).dividedBy(100))
      .plus(new Dec(input.healthPortion).times(k.healthPercent).dividedBy(100));
  }
  total = total.plus(new Dec(input.overdue).times(DAILY_INTEREST_PERCENT).dividedBy(100).times(dailyDays));
  const amount = roundToDong(total);
  if (notComputed.length === 0) return { amount, computed: true, notComputed };
  const months = notComputed.length === 1 ? '1 month' : `${notComputed.length} months`;
  return { amount, computed: false, note: `interest of ${months} not computed: k for ${[...missingYears].join(', ')} not configured`, notComputed };
}
