import type { IsoDate, Money } from '#domain';

/** A figure of the period beside the same period of the previous year. */
export interface Compared<T> {
  value: T;
  /** The same figure for the same dates a year earlier; null when that year has no data in the ledger. */
  previousYear: T | null;
  /** value − previousYear (negative for a fall); null without a previous year. */
  change: T | null;
  /** The change in percent of the previous year, rounded half-up to 2 decimals; null without one. */
  changePercent: number | null;
}

export interface SchemeFigure extends Compared<number> {
  target: number | null;
  percentOfPlan: number | null;
}

/**
 * The headline figures of a provincial report (báo cáo kết quả thực hiện) over from..to, each
 * beside the same period of the previous year. Flows are summed over the period; participants and
 * arrears are stocks on `to`. Targets come from the plan in force for the year of `to`.
 */
export interface ProvinceReport {
  areaCode: string;
  name: string;
  from: IsoDate;
  to: IsoDate;
  previousFrom: IsoDate;
  previousTo: IsoDate;
  previousYearHasData: boolean;
  plan: { year: number; assignedOn: IsoDate } | null;
  collections: { amount: Compared<Money>; count: Compared<number>; target: Money | null; percentOfPlan: number | null };
  participants: {
    /**
     * People covered by BHXH or BHYT: health-insurance card holders plus voluntary BHXH
     * participants. Mandatory BHXH participants are not added: every one of them holds a card
     * through the employer, so they are already among the card holders (as in the provinces' own reports).
     */
    total: SchemeFigure;
    mandatorySocialInsurance: SchemeFigure & { percentOfLabourForce: number | null };
    voluntarySocialInsurance: SchemeFigure & { percentOfLabourForce: number | null };
    unemploymentInsurance: SchemeFigure & { percentOfLabourForce: number | null };
    healthInsurance: SchemeFigure & { percentOfPopulation: number | null };
  };
  books: { issued: Compared<number> };
  cards: { issued: Compared<number> };
  /** People paid a monthly benefit in the last payout month of the period, and what monthly benefits paid over it. */
  monthlyBenefits: { recipients: Compared<number>; amount: Compared<Money> };
  /** Every benefit paid over the period; `payments` counts the benefit decisions paid. */
  benefits: { amount: Compared<Money>; payments: Compared<number>; recipients: Compared<number> };
  claims: { visits: Compared<number>; requested: Compared<Money>; approved: Compared<Money>; refused: Compared<Money> };
  inspections: { count: Compared<number>; unannounced: Compared<number>; arrearsFound: Compared<Money> };
  /**
   * `overdue` is principal only; `interest` is the late-payment interest owed on the same date by the
   * employers counted in `employers` (as `GET /api/arrears` totals.interest), false `interestComputed`
   * when a month without an announced rate was left out of it.
   */
  arrears: {
    overdue: Compared<Money>;
    employers: Compared<number>;
    percentOfCollectionPlan: number | null;
    interest: Compared<Money>;
    interestComputed: boolean;
    /** Interest as a percentage of the total owed (overdue + interest) on `to`; null when nothing is owed. */
    interestPercentOfTotal: number | null;
    /** Employers in evasion on `to` (as `GET /api/arrears?status=evasion` totals.evasion). */
    evasion: { employers: number; overdue: Money };
  };
}
