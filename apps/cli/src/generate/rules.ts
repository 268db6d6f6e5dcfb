import type { IsoDate, IsoMonth } from '#domain';

/**
 * The figures the generator needs to write amounts a clerk would write: what an employer owes for
 * a month, what a voluntary or household contributor pays. Amounts are whole đồng held in BigInt,
 * so no float ever touches them; they leave this file as decimal strings.
 */

/**
 * Rates in per ten thousand of payroll, employer and employee shares together (Luật BHXH 2014,
 * NĐ 58/2020): pension 22 %, sickness 3 %, accident 0.5 % (1 % before 2017-06, NĐ 44/2017),
 * health 4.5 %, unemployment 2 %. The ledger's own table (libs/domain rules) is the authority;
 * this mirrors it so that a payment "in full" is exactly the due the ledger records.
 * Relief periods: accident 0 % from 2021-07 to 2022-06 (NQ 68/NQ-CP); employer unemployment
 * share 0 % from 2021-10 to 2022-09 (NQ 116/NQ-CP).
 */
function ratesFor(period: IsoMonth) {
  const accident = period < '2017-06' ? 100n : period >= '2021-07' && period <= '2022-06' ? 0n : 50n;
  const unemployment = period >= '2021-10' && period <= '2022-09' ? 100n : 200n;
  return { pension: 2200n, sickness: 300n, accident, health: 450n, unemployment };
}

const halfUp = (numerator: bigint, denominator: bigint): bigint => (numerator * 2n + denominator) / (denominator * 2n);

/** Region I minimum monthly wage, whose 20-fold caps the unemployment-insurance salary (Luật Việc làm art. 58). */
function regionOneMinimumWageOn(date: IsoDate): bigint {
  if (date >= '2024-07-01') return 4_960_000n; // NĐ 74/2024
  if (date >= '2022-07-01') return 4_680_000n; // NĐ 38/2022
  if (date >= '2020-01-01') return 4_420_000n; // NĐ 90/2019
  if (date >= '2019-01-01') return 4_180_000n; // NĐ 157/2018
  if (date >= '2018-01-01') return 3_980_000n; // NĐ 141/2017
  if (date >= '2017-01-01') return 3_750_000n; // NĐ 153/2016
  return 3_500_000n; // NĐ 122/2015
}

const smaller = (a: bigint, b: bigint) => (a < b ? a : b);

/**
 * What the ledger will compute as due for a period: each fund on the payroll capped at headcount ×
 * 20 base salaries (BHXH, BHYT) or 20 region I minimum wages (BHTN), rounded half-up, then summed.
 */
export function contributionDue(period: IsoMonth, payroll: bigint, unemploymentPayroll: bigint, headcount: number, unemploymentHeadcount: number): bigint {
  const firstDay = `${period}-01`;
  const rates = ratesFor(period);
  const socialBase = smaller(payroll, 20n * baseSalaryOn(firstDay) * BigInt(headcount));
  const unemploymentBase = smaller(unemploymentPayroll, 20n * regionOneMinimumWageOn(firstDay) * BigInt(unemploymentHeadcount));
  const onPayroll = [rates.pension, rates.sickness, rates.accident, rates.health];
  return onPayroll.reduce((sum, rate) => sum + halfUp(socialBase * rate, 10_000n), 0n) + halfUp(unemploymentBase * rates.unemployment, 10_000n);
}

/**
 * Mức lương cơ sở (base salary), the basis of household health-insurance contributions:
 * 1,150,000 ₫ from 2013-07-01 (NĐ 66/2013), 1,210,000 ₫ from 2016-05-01 (NĐ 47/2016), 1,300,000 ₫ from
 * 2017-07-01 (NĐ 47/2017), 1,390,000 ₫ from 2018-07-01 (NĐ 72/2018), 1,490,000 ₫ from 2019-07-01 (NĐ 38/2019),
 * 1,800,000 ₫ from 2023-07-01 (NĐ 24/2023), 2,340,000 ₫ from 2024-07-01 (NĐ 73/2024).
 */
export function baseSalaryOn(date: IsoDate): bigint {
  if (date >= '2024-07-01') return 2_340_000n;
  if (date >= '2023-07-01') return 1_800_000n;
  if (date >= '2019-07-01') return 1_490_000n;
  if (date >= '2018-07-01') return 1_390_000n;
  if (date >= '2017-07-01') return 1_300_000n;
  if (date >= '2016-05-01') return 1_210_000n;
  return 1_150_000n;
}

/** Household health insurance: 4.5 % of the base salary a month for the household's first member (Luật BHYT art. 13). */
export function householdHealthAmount(collectedOn: IsoDate, months: number): bigint {
  return halfUp(baseSalaryOn(collectedOn) * 45n, 1000n) * BigInt(months);
}

/** Voluntary social insurance: 22 % of the income the participant chose, for each month paid (Luật BHXH 2014 art. 87). */
export function voluntaryAmount(monthlyIncome: bigint, months: number): bigint {
  return halfUp(monthlyIncome * 22n, 100n) * BigInt(months);
}

/**
 * Pension adjustments of July 2023 (+12.5 %, NĐ 42/2023) and July 2024 (+15 %, NĐ 75/2024), in per
 * thousand: the generator raises monthly benefits in those months.
 */
export function benefitAdjustmentPerMille(payoutMonth: IsoMonth): bigint | undefined {
  if (payoutMonth === '2023-07') return 1125n;
  if (payoutMonth === '2024-07') return 1150n;
  return undefined;
}

/** A proportion of an amount, in per thousand, rounded down to a thousand đồng as clerks write them. */
export function perMilleOf(amount: bigint, perMille: number): bigint {
  return ((amount * BigInt(perMille)) / 1000n / 1000n) * 1000n;
}

export function raise(amount: bigint, perMille: bigint): bigint {
  return halfUp(amount * perMille, 1000n);
}
