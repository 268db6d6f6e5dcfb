import { firstDayOf, type IsoDate, type IsoMonth } from '../calendar.js';
import type { Headcount } from '../commands.js';
import { refuse } from '../errors.js';
import type { FundDues } from '../events.js';
import { Dec, roundToDong, type Money } from '../money.js';
import { contributionRatesOn, FUNDS, type Fund, type FundRate, type FundRates } from './contribution-rates.js';
import { dueDateFor } from './due-dates.js';
import { employerRatesOn, RELIEFS, suspensionFor, type DatedEmployerProfile } from './employer-profile.js';
import { socialInsuranceCapOn, unemploymentCapOn } from './salary-caps.js';
import { unemploymentCapFor } from './wage-regions.js';

export interface FundDuesInput {
  period: IsoMonth;
  headcount: Headcount;
  payroll: Money;
  /** The BHTN payroll when it differs (not every employee is insured against unemployment). */
  unemploymentPayroll?: Money;
  /**
   * The employer's profile in force on the period's first day (`profileOn`): its region's BHTN cap,
   * the reliefs whose scope includes it, 0.3 % TNLĐ with an approved high-risk decision, and a pension
   * suspension. Without it, the rules every employer got before profiles were recorded (region I, every relief).
   */
  profile?: DatedEmployerProfile;
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
 * force on the first day of the period month, so a replay of 2021 uses 2021's relief rates; with a
 * profile, the BHTN cap is of the employer's own region and the rates are the employer's.
 *
 * A month inside a pension-fund suspension (NQ 68; QĐ 23/2021/QĐ-TTg) owes nothing to the pension
 * fund: "tạm dừng đóng vào quỹ hưu trí và tử tuất" stops the monthly payments into that fund while the
 * other funds are still owed, so the month's pension due is 0 and nothing of it can be late. The
 * catch-up the law asks at the suspension's end (đóng bù, without late interest) is a later fact, not
 * this month's assessment (docs/decisions.md).
 */
export function computeFundDues(input: FundDuesInput): FundDuesResult {
  const rules = input.profile === undefined ? periodRulesOf(input.period) : employerRulesOf(input.period, input.profile);
  const payroll = new Dec(input.payroll);
  const unemploymentPayroll = input.unemploymentPayroll === undefined ? payroll : new Dec(input.unemploymentPayroll);
  const socialBase = cappedBase(payroll, input.headcount.socialInsurance, rules.socialCap);
  const bases: Record<Fund, Dec> = {
    pension: socialBase,
    sickness: socialBase,
    accident: socialBase,
    health: cappedBase(payroll, input.headcount.healthInsurance, rules.socialCap),
    unemployment: cappedBase(unemploymentPayroll, input.headcount.unemploymentInsurance, rules.unemploymentCap),
  };
  const funds = {} as FundDues;
  let due = new Dec(0);
  const suspended = input.profile !== undefined && suspensionFor(input.profile, 'pension', input.period) !== undefined;
  for (const fund of FUNDS) {
    funds[fund] = fund === 'pension' && suspended ? '0' : roundToDong(bases[fund].times(shareOf(rules.rates[fund])));
    due = due.plus(funds[fund]);
  }
  return { funds, due: due.toFixed(0), dueDate: rules.dueDate };
}

/** The payroll, or the headcount times the per-person cap when that is less (whole đồng either way). */
function cappedBase(payroll: Dec, persons: number, capPerPerson: Dec): Dec {
  const cap = capPerPerson.times(persons);
  return payroll.lte(cap) ? payroll : cap;
}

interface PeriodRules {
  rates: FundRates;
  socialCap: Dec;
  unemploymentCap: Dec;
  dueDate: IsoDate;
}

/**
 * The rules in force for a period, looked up once per period: an import assesses every employer
 * for the same few hundred months. A period without rules is refused every time, never remembered.
 */
const periodRules = new Map<IsoMonth, PeriodRules>();

function periodRulesOf(period: IsoMonth): PeriodRules {
  let rules = periodRules.get(period);
  if (rules === undefined) {
    const onDate = firstDayOf(period);
    const rates = contributionRatesOn(onDate) ?? refuse('RULES_NOT_CONFIGURED', `no contribution rates configured for ${period}`);
    const socialCap = socialInsuranceCapOn(onDate) ?? refuse('RULES_NOT_CONFIGURED', `no base salary configured for ${period}`);
    const unemploymentCap = unemploymentCapOn(onDate) ?? refuse('RULES_NOT_CONFIGURED', `no minimum wage configured for ${period}`);
    rules = { rates, socialCap: new Dec(socialCap), unemploymentCap: new Dec(unemploymentCap), dueDate: dueDateFor(period) };
    periodRules.set(period, rules);
  }
  return rules;
}

/**
 * The rules for one employer's period, remembered by what changes them: the region, the sector, the
 * high-risk approval and, for each relief with a participation date, which side of it the employer
 * joined BHTN. So an import of thousands of employers keeps a handful of entries per period.
 */
const employerRules = new Map<string, PeriodRules>();

function employerRulesOf(period: IsoMonth, profile: DatedEmployerProfile): PeriodRules {
  const participation = RELIEFS.map((relief) => (relief.participatingBefore === undefined ? '' : profile.bhtnSince !== undefined && profile.bhtnSince < relief.participatingBefore ? 'b' : 'a')).join('');
  const key = `${period}|${profile.wageRegion}|${profile.sector}|${profile.highRiskApproval ? 'h' : ''}|${participation}`;
  let rules = employerRules.get(key);
  if (rules === undefined) {
    const onDate = firstDayOf(period);
    const general = periodRulesOf(period);
    const rates = employerRatesOn(profile, onDate)?.rates ?? refuse('RULES_NOT_CONFIGURED', `no contribution rates configured for ${period}`);
    const unemploymentCap = unemploymentCapFor(profile.wageRegion, onDate) ?? refuse('RULES_NOT_CONFIGURED', `no regional minimum wage configured for ${period}`);
    rules = { ...general, rates, unemploymentCap: new Dec(unemploymentCap) };
    employerRules.set(key, rules);
  }
  return rules;
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
