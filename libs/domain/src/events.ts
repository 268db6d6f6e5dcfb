import type { AssignBankCredit, MatchBankCredit, ReceiveBankCredit, ReceiveBankStatement, ReturnBankCredit } from './bank/bank-commands.js';
import type { IsoDate, IsoMonth } from './calendar.js';
import type {
  AnnounceInterestRate, AssignPlan, ChangeEmployerProfile, GrantFundSuspension, RecordForceMajeure, RemindEmployer, EmployerStatus, Headcount, IssueCard, Payer, PayBenefit, RegisterEmployer, StatementLine,
} from './commands.js';
import type { Money } from './money.js';
import type { FundDues } from './fund-dues.js';
import type { InterestBasisLine, UncomputedLateMonth } from './rules/late-interest.js';

/**
 * Event payloads. Every event names the area it belongs to, so that projections never need to
 * look anything up to place a fact in its district and province.
 */
/** Registration records the command as given. */
export type EmployerRegistered = RegisterEmployer;
export interface EmployerStatusChanged { unitCode: string; areaCode: string; status: EmployerStatus; effectiveOn: IsoDate; reason: string }

export type { FundDues } from './fund-dues.js';

export interface ContributionAssessed {
  unitCode: string;
  areaCode: string;
  period: IsoMonth;
  headcount: Headcount;
  payroll: Money;
  unemploymentPayroll: Money;
  assessedOn: IsoDate;
  /** The last day to pay without being late, by the rules in force for the period. */
  dueDate: IsoDate;
  funds: FundDues;
  /** Sum of `funds`. */
  due: Money;
}

export interface ContributionCollected { receiptNo: string; payer: Payer; amount: Money; collectedOn: IsoDate; areaCode: string }
export interface BookIssued { personId: string; areaCode: string; issuedOn: IsoDate; reissue: boolean }
export type CardIssued = IssueCard;
export type BenefitPaid = PayBenefit;
export interface ClaimAssessed {
  assessmentRef: string;
  facilityCode: string;
  areaCode: string;
  period: IsoMonth;
  visits: { outpatient: number; inpatient: number };
  requested: Money;
  approved: Money;
  /** requested − approved: what the assessment refused. */
  refused: Money;
  assessedOn: IsoDate;
}
export type PlanAssigned = AssignPlan;
export interface InspectionRecorded { inspectionId: string; unitCode: string; areaCode: string; inspectedOn: IsoDate; unannounced: boolean; arrearsFound: Money }

/** Cancels the effect of one earlier event of the same stream; the original stays in the log. */
export interface EntryReversed {
  eventId: string;
  /** Typed over the first round's facts until the read side handles issue 22's; the projection skips a type it does not know. */
  reversedType: Exclude<EventType, 'EntryReversed' | 'PayoutsReconciled' | 'EmployerRegistered'>;
  reversedPosition: number;
  reason: string;
  reversedOn: IsoDate;
  areaCode: string;
}

export interface ReconciliationBucket<T> { count: number; amount: Money; items: T[] }
export interface AmountMismatch { paymentRef: string; personId: string; statementAmount: Money; ledgerAmount: Money }
export interface PayoutsReconciled {
  statementRef: string;
  month: IsoMonth;
  areaCode: string;
  agent: string;
  reconciledOn: IsoDate;
  matched: { count: number; amount: Money };
  amountMismatches: ReconciliationBucket<AmountMismatch>;
  missingInLedger: ReconciliationBucket<StatementLine>;
  missingInStatement: ReconciliationBucket<StatementLine>;
}

/**
 * A relocation: the employer (or person) is homed in `areaCode` from `effectiveOn`. `fromAreaCode` is
 * where it counted the day before, so that a key must reach both ends of the move; a person with no
 * known area yet has none.
 */
export interface EmployerRelocated { unitCode: string; areaCode: string; fromAreaCode: string; effectiveOn: IsoDate; reason: string }
export interface PersonRelocated { personId: string; areaCode: string; fromAreaCode?: string; effectiveOn: IsoDate; reason: string }

export interface EventDataByType {
  EmployerRegistered: EmployerRegistered;
  EmployerStatusChanged: EmployerStatusChanged;
  ContributionAssessed: ContributionAssessed;
  ContributionCollected: ContributionCollected;
  BookIssued: BookIssued;
  CardIssued: CardIssued;
  BenefitPaid: BenefitPaid;
  ClaimAssessed: ClaimAssessed;
  PlanAssigned: PlanAssigned;
  InspectionRecorded: InspectionRecorded;
  EntryReversed: EntryReversed;
  PayoutsReconciled: PayoutsReconciled;
  EmployerRelocated: EmployerRelocated;
  PersonRelocated: PersonRelocated;
  InterestRateAnnounced: InterestRateAnnounced;
  EmployerReminded: EmployerReminded;
  ForceMajeureRecorded: ForceMajeureRecorded;
  EmployerProfileChanged: EmployerProfileChanged;
  FundSuspensionGranted: FundSuspensionGranted;
  LateInterestCharged: LateInterestCharged;
}

export type EventType = keyof EventDataByType;

/** Issue 22's facts of the arrears law. */
export type InterestRateAnnounced = AnnounceInterestRate;
export interface EmployerReminded extends RemindEmployer { areaCode: string }
export interface ForceMajeureRecorded extends RecordForceMajeure { areaCode: string }
export interface EmployerProfileChanged extends ChangeEmployerProfile { areaCode: string }
export interface FundSuspensionGranted extends GrantFundSuspension { areaCode: string }

/** The interest a month-end close charged one employer, and how (the basis lines of `lateInterestCharge`). */
export interface LateInterestCharged {
  unitCode: string;
  areaCode: string;
  month: IsoMonth;
  closedOn: IsoDate;
  /** The first day charged (the day after the employer's last charge); absent for a first charge. */
  from?: IsoDate;
  to: IsoDate;
  byFund: FundDues;
  total: Money;
  basis: InterestBasisLine[];
  notComputed: UncomputedLateMonth[];
}

/** Issue 24: a collection account's credits and what was decided on each, on stream `bank-{account}`. */
export type BankCreditReceived = ReceiveBankCredit;
export interface BankCreditMatched extends MatchBankCredit { areaCode: string }
export interface BankCreditAssigned extends AssignBankCredit { areaCode: string }
export interface BankCreditReturned extends ReturnBankCredit { areaCode: string }
export type BankStatementReceived = ReceiveBankStatement;
export interface BankEventDataByType {
  BankStatementReceived: BankStatementReceived;
  BankCreditReceived: BankCreditReceived;
  BankCreditMatched: BankCreditMatched;
  BankCreditAssigned: BankCreditAssigned;
  BankCreditReturned: BankCreditReturned;
}
export type BankEventType = keyof BankEventDataByType;
export const BANK_EVENT_TYPES: readonly BankEventType[] = ['BankCreditReceived', 'BankCreditMatched', 'BankCreditAssigned', 'BankCreditReturned', 'BankStatementReceived'];

/** Every event the write side records: the ledger's events and the bank's, whose read model has its own hooks. */
export interface AnyEventDataByType extends EventDataByType, BankEventDataByType {}
export type AnyEventType = keyof AnyEventDataByType;
export const EVENT_TYPES: readonly EventType[] = [
  'EmployerRegistered', 'EmployerStatusChanged', 'ContributionAssessed', 'ContributionCollected', 'BookIssued', 'CardIssued',
  'BenefitPaid', 'ClaimAssessed', 'PlanAssigned', 'InspectionRecorded', 'EntryReversed', 'PayoutsReconciled',
  'EmployerRelocated', 'PersonRelocated',
  // Appended in the order the arrears law's own list had, so a packed fact index keeps each type's number.
  'InterestRateAnnounced', 'EmployerReminded', 'ForceMajeureRecorded', 'EmployerProfileChanged', 'FundSuspensionGranted', 'LateInterestCharged',
];

/** A domain event before it is recorded: its type and data, nothing the store adds. */
export type DomainEvent = { [T in AnyEventType]: { type: T; data: AnyEventDataByType[T] } }[AnyEventType];

/** Stream names of the contract. */
export const streams = {
  employer: (unitCode: string) => `employer-${unitCode}`,
  person: (personId: string) => `person-${personId}`,
  facility: (facilityCode: string) => `facility-${facilityCode}`,
  plan: (areaCode: string, year: number) => `plan-${areaCode}-${year}`,
  payout: (areaCode: string, month: IsoMonth) => `payout-${areaCode}-${month}`,
  /** The announced late-interest rates k, one stream for the whole ledger. */
  rulesInterest: () => 'rules-interest',
  /** A collection account's statement credits (issue 24). */
  bank: (account: string) => `bank-${account}`,
};
