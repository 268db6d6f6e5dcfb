import type { AssignBankCredit, MatchBankCredit, ReceiveBankCredit, ReceiveBankStatement, ReturnBankCredit } from './bank/bank-commands.js';
import type { IsoDate, IsoMonth } from './calendar.js';
import type { Money } from './money.js';
import type { EmployerSector, HighRiskApproval } from './rules/employer-sector.js';
import type { InterestRateFund } from './rules/interest-rates.js';
import type { WageRegion } from './rules/wage-regions.js';

/**
 * The commands of the contract, after validation and normalisation (amounts are strings,
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

export interface RegisterEmployer {
  unitCode: string; name: string; areaCode: string; taxCode?: string; registeredOn: IsoDate;
  /** Vùng I–IV of the minimum-wage decrees; region I when absent (issue 22). */
  wageRegion?: WageRegion;
  sector?: EmployerSector;
}
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

/** Issue 22: the arrears law's facts. */
export interface AnnounceInterestRate { year: number; fund: InterestRateFund; monthlyPercent: string; documentRef: string; announcedOn: IsoDate }
export interface RemindEmployer { reminderRef: string; unitCode: string; sentOn: IsoDate; amountLate: Money }
export interface RecordForceMajeure { unitCode: string; from: IsoDate; to: IsoDate; reason: string; documentRef: string }
export interface ChangeEmployerProfile {
  unitCode: string;
  effectiveOn: IsoDate;
  wageRegion?: WageRegion;
  sector?: EmployerSector;
  highRiskApproval?: HighRiskApproval;
}
/** The month-end close of an area: late interest charged to each of its employers (issue 22 item 3). */
export interface CloseMonth { month: IsoMonth; areaCode: string; closedOn: IsoDate }
/** One employer's part of a close: what the ledger decides on the employer's stream. */
export interface ChargeLateInterest extends CloseMonth { unitCode: string }
export interface GrantFundSuspension { unitCode: string; fund: 'pension'; from: IsoDate; to: IsoDate; decisionRef: string }

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
  | { command: 'AnnounceInterestRate'; data: AnnounceInterestRate }
  | { command: 'RemindEmployer'; data: RemindEmployer }
  | { command: 'RecordForceMajeure'; data: RecordForceMajeure }
  | { command: 'ChangeEmployerProfile'; data: ChangeEmployerProfile }
  | { command: 'GrantFundSuspension'; data: GrantFundSuspension }
  | { command: 'ChargeLateInterest'; data: ChargeLateInterest }
  | { command: 'RelocateEmployer'; data: RelocateEmployer }
  | { command: 'RelocatePerson'; data: RelocatePerson }
  | { command: 'ReceiveBankCredit'; data: ReceiveBankCredit }
  | { command: 'MatchBankCredit'; data: MatchBankCredit }
  | { command: 'AssignBankCredit'; data: AssignBankCredit }
  | { command: 'ReturnBankCredit'; data: ReturnBankCredit }
  | { command: 'ReceiveBankStatement'; data: ReceiveBankStatement };

/** `ChargeLateInterest` is the ledger's own expansion of a CloseMonth, never sent or imported as such. */
/** The bank commands are recorded by the statement import and the suspense routes (issue 24), not by an import line. */
export type CommandName = Exclude<Command['command'], 'ChargeLateInterest' | BankCommandName>;
export type BankCommandName = 'ReceiveBankCredit' | 'MatchBankCredit' | 'AssignBankCredit' | 'ReturnBankCredit' | 'ReceiveBankStatement';
export const COMMAND_NAMES: readonly Command['command'][] = [
  'RegisterEmployer', 'ChangeEmployerStatus', 'AssessContribution', 'CollectContribution', 'IssueBook', 'IssueCard',
  'PayBenefit', 'AssessClaim', 'AssignPlan', 'RecordInspection', 'ReverseEntry', 'ReconcilePayouts',
  'AnnounceInterestRate', 'RemindEmployer', 'RecordForceMajeure', 'ChangeEmployerProfile', 'GrantFundSuspension',
  'RelocateEmployer', 'RelocatePerson',
];
