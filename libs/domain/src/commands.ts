import type { IsoDate, IsoMonth } from './calendar.js';
import type { Money } from './money.js';

/**
 * The twelve commands of the contract, after validation and normalisation (amounts are strings,
 * dates are real calendar dates). Field names are exactly the contract's.
 */
export type EmployerStatus = 'active' | 'suspended' | 'dissolved' | 'bankrupt' | 'missing';
export const EMPLOYER_STATUSES: readonly EmployerStatus[] = ['active', 'suspended', 'dissolved', 'bankrupt', 'missing'];

export type PersonScheme = 'voluntary-social-insurance' | 'household-health-insurance';
export const PERSON_SCHEMES: readonly PersonScheme[] = ['voluntary-social-insurance', 'household-health-insurance'];

export type Benefit = 'pension' | 'sickness' | 'maternity' | 'work-accident' | 'survivor' | 'one-off' | 'unemployment';
export const BENEFITS: readonly Benefit[] = ['pension', 'sickness', 'maternity', 'work-accident', 'survivor', 'one-off', 'unemployment'];
/** Benefits paid every month (pensions, monthly TNLĐ and survivors' allowances, unemployment benefit). */
export const MONTHLY_BENEFITS: readonly Benefit[] = ['pension', 'work-accident', 'survivor', 'unemployment'];

export type PayoutChannel = 'post-office-cash' | 'bank-account' | 'office';
export const PAYOUT_CHANNELS: readonly PayoutChannel[] = ['post-office-cash', 'bank-account', 'office'];

export interface Headcount {
  socialInsurance: number;
  healthInsurance: number;
  unemploymentInsurance: number;
}

export interface RegisterEmployer { unitCode: string; name: string; areaCode: string; taxCode?: string; registeredOn: IsoDate }
export interface ChangeEmployerStatus { unitCode: string; status: EmployerStatus; effectiveOn: IsoDate; reason: string }
export interface AssessContribution {
  unitCode: string;
  period: IsoMonth;
  headcount: Headcount;
  payroll: Money;
  unemploymentPayroll?: Money;
  assessedOn: IsoDate;
}
export type EmployerPayer = { kind: 'employer'; unitCode: string; period?: IsoMonth };
export type PersonPayer = { kind: 'person'; personId: string; scheme: PersonScheme; coverFrom: IsoMonth; coverTo: IsoMonth };
export type Payer = EmployerPayer | PersonPayer;
export interface CollectContribution { receiptNo: string; payer: Payer; amount: Money; collectedOn: IsoDate; areaCode?: string }
export interface IssueBook { personId: string; areaCode: string; issuedOn: IsoDate; reissue?: boolean }
export interface IssueCard { cardNo: string; personId: string; areaCode: string; validFrom: IsoDate; validTo: IsoDate; issuedOn: IsoDate }
export interface PayBenefit {
  paymentRef: string;
  personId: string;
  benefit: Benefit;
  payoutMonth: IsoMonth;
  amount: Money;
  channel: PayoutChannel;
  areaCode: string;
  paidOn: IsoDate;
}
export interface AssessClaim {
  assessmentRef: string;
  facilityCode: string;
  areaCode: string;
  period: IsoMonth;
  visits: { outpatient: number; inpatient: number };
  requested: Money;
  approved: Money;
  assessedOn: IsoDate;
}
export interface PlanTargets {
  collection: Money;
  participants: {
    mandatorySocialInsurance: number;
    voluntarySocialInsurance: number;
    unemploymentInsurance: number;
    healthInsurance: number;
  };
}
export interface AssignPlan { year: number; areaCode: string; targets: PlanTargets; labourForce: number; population: number; assignedOn: IsoDate }
export interface RecordInspection { inspectionId: string; unitCode: string; inspectedOn: IsoDate; unannounced: boolean; arrearsFound: Money }
export interface ReverseEntry { eventId: string; reason: string; reversedOn: IsoDate }
export interface StatementLine { paymentRef: string; personId: string; amount: Money }
export interface ReconcilePayouts { statementRef: string; month: IsoMonth; areaCode: string; agent: string; lines: StatementLine[] }
/** A clerk's dated decision that an employer is homed in another area from `effectiveOn` (issue 28). */
export interface RelocateEmployer { unitCode: string; areaCode: string; effectiveOn: IsoDate; reason: string }
/** The same for a person, whose home otherwise follows the area of their latest book, card or benefit. */
export interface RelocatePerson { personId: string; areaCode: string; effectiveOn: IsoDate; reason: string }

/** Every command, tagged by its contract name (the `command` field of an import line). */
export type Command =
  | { command: 'RegisterEmployer'; data: RegisterEmployer }
  | { command: 'ChangeEmployerStatus'; data: ChangeEmployerStatus }
  | { command: 'AssessContribution'; data: AssessContribution }
  | { command: 'CollectContribution'; data: CollectContribution }
  | { command: 'IssueBook'; data: IssueBook }
  | { command: 'IssueCard'; data: IssueCard }
  | { command: 'PayBenefit'; data: PayBenefit }
  | { command: 'AssessClaim'; data: AssessClaim }
  | { command: 'AssignPlan'; data: AssignPlan }
  | { command: 'RecordInspection'; data: RecordInspection }
  | { command: 'ReverseEntry'; data: ReverseEntry }
  | { command: 'ReconcilePayouts'; data: ReconcilePayouts }
  | { command: 'RelocateEmployer'; data: RelocateEmployer }
  | { command: 'RelocatePerson'; data: RelocatePerson };

export type CommandName = Command['command'];
export const COMMAND_NAMES: readonly CommandName[] = [
  'RegisterEmployer', 'ChangeEmployerStatus', 'AssessContribution', 'CollectContribution', 'IssueBook', 'IssueCard',
  'PayBenefit', 'AssessClaim', 'AssignPlan', 'RecordInspection', 'ReverseEntry', 'ReconcilePayouts',
  'RelocateEmployer', 'RelocatePerson',
];
