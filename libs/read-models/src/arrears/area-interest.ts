import { addMoney, compareMoney } from '#domain';
import type { IsoDate, Money } from '#domain';
import type { LateInterestRule } from '../ports.js';
import { computeArrears, type EmployerFacts } from './arrears.calculation.js';

export interface AreaInterest {
  interest: Money;
  interestComputed: boolean;
  /** Employers whose late payment is evasion on `asOf` (evasion.ts), and what they owe overdue. */
  evasion: { employers: number; overdue: Money };
}

/**
 * Late-payment interest owed on `asOf` by the area's employers that owe overdue amounts, as the
 * arrears worklist sums it (`GET /api/arrears` totals.interest). The overdue figure of the report
 * is principal only (area-overdue.ts computes it without interest), so the report states this beside
 * it. `interestComputed` is false when some employer's interest left out a month without a known rate.
 */
export function areaInterest(employers: EmployerFacts[], asOf: IsoDate, lateInterest: LateInterestRule): AreaInterest {
  let interest: Money = '0';
  let interestComputed = true;
  const evasion = { employers: 0, overdue: '0' as Money };
  for (const facts of employers) {
    const arrears = computeArrears(facts, asOf, lateInterest, { detailed: false, withInterest: true });
    if (compareMoney(arrears.overdue, '0') <= 0) continue;
    interest = addMoney(interest, arrears.interest);
    if (!arrears.interestComputed) interestComputed = false;
    if (arrears.evasion) {
      evasion.employers++;
      evasion.overdue = addMoney(evasion.overdue, arrears.overdue);
    }
  }
  return { interest, interestComputed, evasion };
}
