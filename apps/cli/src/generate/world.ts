import type { Benefit, EmployerStatus, IsoDate, IsoMonth, PayoutChannel } from '#domain';

/**
 * The synthetic world a scenario simulates: who exists, where, and the little state each one
 * carries from month to month. Counts (headcount, visits) are numbers; amounts are BigInt đồng.
 */
export interface Employer {
  unitCode: string;
  name: string;
  taxCode?: string;
  areaCode: string;
  provinceCode: string;
  registeredOn: IsoDate;
  /** Registered during the run (planned in that month) rather than before it (written first). */
  joinsDuringRun: boolean;
  firstPeriod: IsoMonth;
  headcount: number;
  /** Employees outside unemployment insurance (directors, foreign staff, pensioners still working). */
  outsideUnemployment: number;
  /** Average monthly contribution salary per employee. */
  salary: bigint;
  /** From this period on the employer stops paying altogether and its debt grows. */
  defaultsFrom?: IsoMonth;
  status: EmployerStatus;
  /** A relocation to its commune after 2025-07-01 is planned (the reorganisation scenario). */
  relocated?: boolean;
  /** A status change is planned; nothing more is planned for it. */
  closing: boolean;
  /** Assessed minus collected so far, as written. */
  outstanding: bigint;
  /** The latest period assessed and its due, which is not yet late while its month runs. */
  lastPeriod?: IsoMonth;
  lastDue: bigint;
}

export type PersonKind = 'beneficiary' | 'voluntary' | 'household' | 'employee' | 'student';

export interface CardPlan {
  group: string;
  level: number;
  /** Validity start of the next card to issue, and the day it is issued. */
  nextFrom: IsoDate;
  nextIssuedOn: IsoDate;
}

export interface Person {
  personId: string;
  areaCode: string;
  provinceCode: string;
  kind: PersonKind;
  /** The month the person first appears in the ledger; the run's first month for those already insured. */
  joinMonth: IsoMonth;
  joinsDuringRun: boolean;
  card?: CardPlan;
  /** Monthly beneficiaries: which benefit, how much, how and on which day of the month. */
  benefit?: Benefit;
  monthlyAmount?: bigint;
  channel?: PayoutChannel;
  payday?: number;
  /** Voluntary and household contributors: how many months each payment covers, and the next one. */
  cycleMonths?: number;
  nextCoverFrom?: IsoMonth;
  income?: bigint;
  hasBook: boolean;
  /** Employees: salary, and unemployment benefit months still to pay. */
  salary?: bigint;
  unemploymentMonthsLeft?: number;
  unemploymentAmount?: bigint;
  withdrawn?: boolean;
}

export interface Facility {
  facilityCode: string;
  areaCode: string;
  /** Share of the province's visits, outpatient cost and inpatient cost per visit, inpatient share. */
  share: number;
  outpatientCost: bigint;
  inpatientCost: bigint;
  inpatientPerMille: number;
}

export interface World {
  employers: Employer[];
  persons: Person[];
  facilities: Facility[];
  /**
   * Per province: the people insured for health, persons and employees alike, when the run starts,
   * which sets how many visits its facilities see.
   */
  insuredByProvince: Map<string, number>;
}
