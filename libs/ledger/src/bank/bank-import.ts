import { matchCredit, receiptNumberFor, type Statement, type StatementLine } from '#bank';
import { commandKeyOf, DomainError, type BankCreditReceived, type BankState, type IsoDate, type Payer } from '#domain';
import type { CommandContext } from '../command-context.js';
import { AreaNotAllowedError, IdempotencyConflictError } from '../errors.js';
import type { Ledger, LedgerAreas } from '../ledger.js';
import type { BankAccount } from './bank-accounts.js';
import { payerIndexFor } from './bank-payers.js';
import { StatementRequestError } from './statement-file.js';

/** What a statement import did, line by line (issue 24): the counts POST /api/bank-statements answers. */
export interface BankImportReport {
  account: string;
  /** Every booked line of the file(s), credits and debits. */
  lines: number;
  /** Debit lines (fees, transfers out): not credits, recorded nowhere. */
  debits: number;
  newCredits: number;
  /** Credits recorded by an earlier import of the same lines: nothing new. */
  duplicates: number;
  /** New credits booked as a collection automatically. */
  matched: number;
  /** New credits left in the suspense queue (ambiguous, unknown, or a collection the ledger refused). */
  suspense: number;
  /** Position of the last event recorded, 0 when none. */
  lastPosition: number;
}

/**
 * Records a parsed statement: one BankCreditReceived per credit line (keyed account+bankRef, so a
 * statement loaded twice records nothing new), then matches each new credit. A confident match books
 * the collection through the ordinary command path, with the credit as its cause and the receipt number
 * from the bank reference, then records the match naming that collection; anything less stays in suspense.
 */
export async function importBankStatement(
  ledger: Ledger, areas: Pick<LedgerAreas, 'isWithin'>, account: BankAccount, statements: Statement[], context: CommandContext, today: IsoDate,
): Promise<BankImportReport> {
  const report: BankImportReport = { account: account.account, lines: 0, debits: 0, newCredits: 0, duplicates: 0, matched: 0, suspense: 0, lastPosition: 0 };
  const fresh: { creditId: string; credit: BankCreditReceived }[] = [];
  const credits = await newCredits(ledger, statements, account, report);
  for (const { header } of statements) {
    if (!header.opening && !header.closing) continue;
    const balance = (b?: { amount: string; date: string }) => (b ? { amount: b.amount, date: b.date } : undefined);
    const opening = balance(header.opening);
    const closing = balance(header.closing);
    const recorded = await ledger.execute({
      command: 'ReceiveBankStatement',
      data: { account: account.account, statementId: header.statementId, ...(opening ? { opening } : {}), ...(closing ? { closing } : {}), areaCode: account.areaCode },
    }, context);
    if (recorded.status === 'created') report.lastPosition = recorded.result.position;
  }
  for (const { line, credit } of credits) {
    if (!line) {
      report.duplicates++;
      continue;
    }
    const outcome = await ledger.execute({ command: 'ReceiveBankCredit', data: credit }, context);
    if (outcome.status === 'duplicate') report.duplicates++;
    else {
      report.newCredits++;
      report.lastPosition = outcome.result.position;
      fresh.push({ creditId: outcome.result.eventId, credit });
    }
  }
  if (fresh.length === 0) return report;
  const index = await payerIndexFor(ledger.store, areas, account.areaCode);
  for (const { creditId, credit } of fresh) {
    const match = matchCredit({ description: credit.description, counterpartyName: credit.counterparty.name, counterpartyAccount: credit.counterparty.account, amount: credit.amount }, index);
    const payer: Payer | undefined = match.kind === 'matched'
      ? { kind: 'employer', unitCode: match.unitCode, ...(match.period ? { period: match.period } : {}) }
      : match.kind === 'matched-person'
        ? { kind: 'person', personId: match.personId, scheme: match.scheme, coverFrom: match.coverFrom, coverTo: match.coverTo }
        : undefined;
    const booked = payer && match.kind !== 'ambiguous' && match.kind !== 'unknown'
      ? await bookCredit(ledger, { creditId, credit, payer, reason: match.reason, decidedOn: today, how: 'MatchBankCredit' }, context)
      : undefined;
    if (booked) {
      report.matched++;
      report.lastPosition = booked;
    } else report.suspense++;
  }
  return report;
}

/**
 * The credit lines of the file, each with whether it is new (`line` set) or recorded before. A bank
 * reference recorded before is the same credit whatever format brought it (an MT940's texts are not a
 * camt.053's): it is a duplicate when its amount and value date agree, and refuses the whole file when
 * they do not, before anything is written (the bank, or the account named, is wrong).
 */
async function newCredits(ledger: Ledger, statements: Statement[], account: BankAccount, report: BankImportReport) {
  const out: { line?: StatementLine; credit: BankCreditReceived }[] = [];
  for (const line of statements.flatMap((statement) => statement.lines)) {
    report.lines++;
    if (line.direction === 'debit') {
      report.debits++;
      continue;
    }
    const credit = creditOf(line, account);
    const known = await ledger.store.findKey(commandKeyOf({ command: 'ReceiveBankCredit', data: credit }));
    const recorded = known ? ((await ledger.store.findEvent(known.eventId))?.data as BankCreditReceived | undefined) : undefined;
    if (recorded && (recorded.amount !== credit.amount || recorded.valueDate !== credit.valueDate)) {
      throw new StatementRequestError('bankRef', `${credit.bankRef} was recorded with ${recorded.amount} on ${recorded.valueDate}; this file says ${credit.amount} on ${credit.valueDate}`);
    }
    out.push(recorded ? { credit } : { line, credit });
  }
  return out;
}

export function creditOf(line: StatementLine, account: BankAccount): BankCreditReceived {
  const counterparty = {
    ...(line.counterpartyName ? { name: line.counterpartyName } : {}),
    ...(line.counterpartyAccount ? { account: line.counterpartyAccount } : {}),
  };
  return { account: account.account, bankRef: line.bankRef, valueDate: line.valueDate, amount: line.amount, description: line.description, counterparty, areaCode: account.areaCode };
}

export interface CreditBooking {
  creditId: string;
  credit: BankCreditReceived;
  /** An employer (`period?`), or a voluntary or household payer with the scheme and cover the credit pays. */
  payer: Payer;
  reason: string;
  decidedOn: IsoDate;
  how: 'MatchBankCredit' | 'AssignBankCredit';
}

/**
 * Books a credit as the payer's collection, then records the decision naming it. The collection comes
 * first so that a decision never names a collection the ledger refused (an employer not active, a key
 * held by another payer's receipt): the matcher's refused credit stays in suspense and answers
 * undefined; a clerk's assignment gets the refusal. Answers the decision's position.
 */
export async function bookCredit(ledger: Ledger, booking: CreditBooking, context: CommandContext): Promise<number | undefined> {
  const { creditId, credit, payer } = booking;
  const cause = { ...context, causationId: creditId };
  try {
    const collected = await collect(ledger, booking, cause);
    const { kind: _kind, ...named } = payer;
    const decided = await ledger.execute({
      command: booking.how,
      data: { account: credit.account, creditId, ...named, reason: booking.reason, decidedOn: booking.decidedOn, collectionEventId: collected.result.eventId },
    }, cause);
    return decided.result.position;
  } catch (error) {
    // The matcher's booking the ledger refuses (an employer not active, a receipt number held by another
    // collection, an employer outside the caller's areas) leaves the credit for a clerk.
    const refused = error instanceof DomainError || error instanceof IdempotencyConflictError || error instanceof AreaNotAllowedError;
    if (booking.how === 'MatchBankCredit' && refused) return undefined;
    throw error;
  }
}

/**
 * The credit's collection, as a clerk would type it. A person's is placed where the collection command
 * places it (their home, else the province of their BHXH number); only when that names no area
 * (AREA_REQUIRED) is it placed in the collection account's area, where the money arrived.
 */
async function collect(ledger: Ledger, booking: CreditBooking, cause: CommandContext) {
  const { credit, payer } = booking;
  const data = { receiptNo: receiptNumberFor(credit.account, credit.bankRef), payer, amount: credit.amount, collectedOn: credit.valueDate };
  try {
    return await ledger.execute({ command: 'CollectContribution', data }, cause);
  } catch (error) {
    if (payer.kind !== 'person' || !(error instanceof DomainError) || error.code !== 'AREA_REQUIRED') throw error;
    return ledger.execute({ command: 'CollectContribution', data: { ...data, areaCode: credit.areaCode } }, cause);
  }
}

/** The state of a credit's account stream, to refuse a decided credit before anything is booked for it. */
export async function creditStatus(ledger: Ledger, account: string, creditId: string): Promise<string | undefined> {
  const loaded = await ledger.states.load(`bank-${account}`);
  return (loaded.state as BankState).credits?.get(creditId)?.status;
}
