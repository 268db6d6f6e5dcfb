/**
 * One line of a collection account's statement, whatever file it came from. Every parser ends here, so
 * that camt.053, MT940, CSV and XLSX of the same credits give the same lines and the same facts.
 * Amounts are decimal strings of whole đồng, always positive; `direction` says which way they went.
 */
export interface StatementLine {
  /** The collection account the line was booked on, as the statement names it. */
  account: string;
  /** The bank's own reference for the entry: with the account, the line's natural key. */
  bankRef: string;
  bookingDate: string;
  valueDate: string;
  amount: string;
  direction: 'credit' | 'debit';
  description: string;
  counterpartyName?: string;
  counterpartyAccount?: string;
}

/** A balance the bank reports, signed (a debit balance is negative), with its date. */
export interface StatementBalance {
  amount: string;
  date: string;
}

export interface StatementHeader {
  account: string;
  /** The bank's statement id, or the file's when a portal export has none. */
  statementId: string;
  opening?: StatementBalance;
  closing?: StatementBalance;
}

export interface Statement {
  header: StatementHeader;
  lines: StatementLine[];
}

export type StatementFormat = 'camt053' | 'mt940' | 'csv' | 'xlsx';

/**
 * A file that cannot be read whole. It names the line (text formats) or the element (XML, a sheet
 * cell) at fault, so that a clerk can find it; the caller writes nothing of a refused file.
 */
export class StatementParseError extends Error {
  readonly code = 'STATEMENT_UNPARSEABLE';
  readonly line?: number;
  readonly element?: string;
  constructor(
    readonly format: StatementFormat,
    where: { line?: number; element?: string },
    readonly reason: string,
  ) {
    super(`${format} statement refused at ${where.line !== undefined ? `line ${where.line}` : where.element}: ${reason}`);
    this.name = 'StatementParseError';
    this.line = where.line;
    this.element = where.element;
  }
}
