import { BASE_SALARY, computeFundDues, firstDayOf, profileOn, valueOn, type IsoDate, type IsoMonth } from '#domain';

/**
 * The figures the generator needs to write amounts a clerk would write: what an employer owes for
 * a month, what a voluntary or household contributor pays. Amounts are whole đồng held in BigInt,
 * so no float ever touches them; they leave this file as decimal strings.
 */

/**
 * What the ledger will compute as due for a period. The generator asks the ledger's own dated rules
 * (libs/domain rules: rates with their relief periods, caps) so that a payment "in full" is exactly
 * the due the ledger records, and the two can never drift apart. With the employer's registration date,
 * the ledger's profile of a generated employer (region I, enterprise, in BHTN from its registration):
 * one registered after 2021-10-01 is outside NQ 116's relief, as the ledger assesses it.
 */
export function contributionDue(period: IsoMonth, payroll: bigint, unemploymentPayroll: bigint, headcount: number, unemploymentHeadcount: number, registeredOn?: IsoDate): bigint {
  const { due } = computeFundDues({
    ...(registeredOn !== undefined ? { profile: profileOn({ registeredOn, changes: [], suspensions: [] }, firstDayOf(period)) } : {}),
    period,
    headcount: { socialInsurance: headcount, healthInsurance: headcount, unemploymentInsurance: unemploymentHeadcount },
    payroll: payroll.toString(),
    unemploymentPayroll: unemploymentPayroll.toString(),
  });
  return BigInt(due);
}

/** Mức lương cơ sở (base salary) on a date, from the ledger's dated table. */
export function baseSalaryOn(date: IsoDate): bigint {
  const base = valueOn(BASE_SALARY, date);
  if (base === undefined) throw new RangeError(`no base salary configured on ${date}`);
  return BigInt(base);
}

const halfUp = (numerator: bigint, denominator: bigint): bigint => (numerator * 2n + denominator) / (denominator * 2n);

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
