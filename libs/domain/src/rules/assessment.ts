import { firstDayOf, type IsoDate, type IsoMonth } from '../calendar.js';
import type { Headcount } from '../commands.js';
import { refuse } from '../errors.js';
import type { FundDues } from '../events.js';
import { Dec, minMoney, roundToDong, type Money } from '../money.js';
import { contributionRatesOn, FUNDS, type FundRate } from './contribution-rates.js';
import { dueDateFor } from './due-dates.js';
import { socialInsuranceCapOn, unemploymentCapOn } from './salary-caps.js';

export interface FundDuesInput {
  period: IsoMonth;
  headcount: Headcount;
  payroll: Money;
  /** The BHTN payroll when it differs (not every employee is insured against unemployment). */
  unemploymentPayroll?: Money;
}

export interface FundDuesResult {
  funds: FundDues;
  due: Money;
  dueDate: IsoDate;
}

/**
 * What an employer owes for one month, per fund. Each fund's base is the payroll capped at the
 * headcount times the per-person cap (20 × base salary for BHXH and BHYT, Luật BHXH 2014 art. 89
 * and Luật BHYT art. 14; 20 × region I minimum wage for BHTN, Luật Việc làm 2013 art. 58); the due is
 * base × (employer % + employee %), rounded half-up to the đồng per fund. Rates and caps are those in
 * force on the first day of the period month, so a replay of 2021 uses 2021's relief rates.
 */
export function computeFundDues(input: FundDuesInput): FundDuesResult {
  const onDate = firstDayOf(input.period);
  const rates = contributionRatesOn(onDate) ?? refuse('RULES_NOT_CONFIGURED', `no contribution rates configured for ${input.period}`);
  const socialCap = socialInsuranceCapOn(onDate) ?? refuse('RULES_NOT_CONFIGURED', `no base salary configured for ${input.period}`);
  const unemploymentCap = unemploymentCapOn(onDate) ?? refuse('RULES_NOT_CONFIGURED', `no minimum wage configured for ${input.period}`);

  const socialBase = cappedBase(input.payroll, input.headcount.socialInsurance, socialCap);
  const bases: FundDues = {
    pension: socialBase,
    sickness: socialBase,
    accident: socialBase,
    health: cappedBase(input.payroll, input.headcount.healthInsurance, socialCap),
    unemployment: cappedBase(input.unemploymentPayroll ?? input.payroll, input.headcount.unemploymentInsurance, unemploymentCap),
  };
  const funds = {} as FundDues;
  let due = new Dec(0);
  for (const fund of FUNDS) {
    funds[fund] = dueOn(bases[fund], rates[fund]);
    due = due.plus(funds[fund]);
  }
  return { funds, due: due.toFixed(0), dueDate: dueDateFor(input.period) };
}

function cappedBase(payroll: Money, persons: number, capPerPerson: Money): Money {
  return minMoney(payroll, new Dec(capPerPerson).times(persons).toFixed(0));
}

function dueOn(base: Money, rate: FundRate): Money {
  return roundToDong(new Dec(base).times(shareOf(rate)));
}

/**
 * A rate's combined share as a fraction ((employer % + employee %) / 100, exact in decimal), worked
 * out once per rate row rather than for every fund of every assessment. Rate rows are constants.
 */
const shares = new WeakMap<FundRate, Dec>();

function shareOf(rate: FundRate): Dec {
  let share = shares.get(rate);
  if (share === undefined) {
    share = new Dec(rate.employerPercent).plus(rate.employeePercent).dividedBy(100);
    shares.set(rate, share);
  }
  return share;
}
