import type { IsoDate, IsoMonth } from '../calendar.js';
import type { Money } from '../money.js';

/** The payer's side of a transfer, as the bank names it. */
export interface BankCounterparty {
  name?: string;
  account?: string;
}

/**
 * One credit line of an imported statement (issue 24). The ledger's own expansion of an
 * ImportBankStatement, one per credit, keyed by account+bankRef (the contract's per-line key).
 * `areaCode` is the area the collection account belongs to (reference data), checked like any area.
 */
export interface ReceiveBankCredit {
  account: string;
  bankRef: string;
  valueDate: IsoDate;
  amount: Money;
  description: string;
  counterparty: BankCounterparty;
  areaCode: string;
}

/**
 * A decision on a received credit: which payer it came from, by the matcher (`MatchBankCredit`) or a
 * clerk. The payer is an employer (`unitCode`, `period?`) or a voluntary or household payer
 * (`personId`, `scheme`, `coverFrom`, `coverTo`, as their collection names them): exactly one of the two.
 */
export interface BankCreditDecision {
  account: string;
  /** The event id of the credit's BankCreditReceived. */
  creditId: string;
  unitCode?: string;
  period?: IsoMonth;
  personId?: string;
  scheme?: 'voluntary-social-insurance' | 'household-health-insurance';
  coverFrom?: IsoMonth;
  coverTo?: IsoMonth;
  /** Why: the matcher's reason, or the clerk's words. */
  reason: string;
  decidedOn: IsoDate;
  /** The ContributionCollected recorded for the credit. */
  collectionEventId: string;
}

export type MatchBankCredit = BankCreditDecision;
export type AssignBankCredit = BankCreditDecision;

export interface ReturnBankCredit {
  account: string;
  creditId: string;
  reason: string;
  returnedOn: IsoDate;
}

/**
 * A statement's own figures, recorded once per statement id (camt.053 and MT940 carry balances; a CSV
 * export none): the month-end proof reads the bank's opening and closing balance from them.
 */
export interface ReceiveBankStatement {
  account: string;
  statementId: string;
  opening?: { amount: Money; date: IsoDate };
  closing?: { amount: Money; date: IsoDate };
  areaCode: string;
}
