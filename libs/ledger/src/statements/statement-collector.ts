import type { StatementLine } from '#domain';
import { MAX_STATEMENT_LINES } from '../validation/field-rules.js';
import type { FieldError } from '../validation/validation-errors.js';
import { locateColumns, paymentRefProblem, personIdProblem, statementAmount, type StatementColumn } from './statement-fields.js';

export type StatementParse = { ok: true; lines: StatementLine[] } | { ok: false; errors: FieldError[] };

/** Enough to fix a file in one go without echoing a whole broken statement back. */
export const MAX_REPORTED_ERRORS = 50;

/** Thrown from inside the CSV parser to stop reading a file that can no longer be accepted. */
export class StopReading extends Error {}

/**
 * Takes a statement's CSV records one by one, with the line each ends on, and keeps the valid lines
 * or the reasons the file is refused. One bad line refuses the whole file: a reconciliation of part
 * of a statement would report the rest as missing and mislead whoever reads it.
 */
export class StatementCollector {
  private columns: Record<StatementColumn, number> | undefined;
  private width = 0;
  private readonly lines: StatementLine[] = [];
  private readonly firstLineOf = new Map<string, number>();
  private readonly errors: FieldError[] = [];
  private refusedLines = 0;
  private records = 0;

  /** Called by the CSV parser for every record; returns null so the parser keeps nothing itself. */
  take(record: string[], line: number): null {
    if (!this.columns) {
      this.readHeader(record, line);
      return null;
    }
    if (++this.records > MAX_STATEMENT_LINES) {
      this.refuse(line, `the statement has more than ${MAX_STATEMENT_LINES} lines; split it`);
      throw new StopReading();
    }
    const problem = this.problemOf(record, line);
    if (problem) this.refuse(line, problem);
    return null;
  }

  /** A CSV syntax error (an unclosed quote, say) ends the reading at its line. */
  failed(error: unknown): void {
    if (error instanceof StopReading) return;
    const { lines, message } = error as { lines?: number; message?: string };
    this.refuse(lines ?? 0, `the file is not valid CSV: ${message ?? String(error)}`);
  }

  finish(): StatementParse {
    if (!this.columns && this.errors.length === 0) {
      this.refuse(1, 'the statement is empty: a header row paymentRef,personId,amount is required');
    }
    if (this.columns && this.errors.length === 0 && this.lines.length === 0) {
      this.refuse(2, 'the statement has a header row but no payment lines');
    }
    if (this.errors.length === 0) return { ok: true, lines: this.lines };
    const errors = [...this.errors];
    const untold = this.refusedLines - errors.length;
    if (untold > 0) errors.push({ field: 'body', message: `… and ${untold} more refused lines` });
    return { ok: false, errors };
  }

  private readHeader(record: string[], line: number): void {
    const located = locateColumns(record);
    if ('problem' in located) {
      this.refuse(line, located.problem);
      throw new StopReading();
    }
    this.columns = located.index;
    this.width = record.length;
  }

  private problemOf(record: string[], line: number): string | undefined {
    if (record.length !== this.width) return `has ${record.length} fields where the header has ${this.width}`;
    const columns = this.columns!;
    const paymentRef = record[columns.paymentRef];
    const personId = record[columns.personId];
    const raw = record[columns.amount];
    // A file saved in a legacy code page decodes to replacement characters; its figures cannot be trusted.
    if ([paymentRef, personId, raw].some((cell) => cell.includes('\uFFFD'))) return 'is not valid UTF-8 (save the file as "CSV UTF-8")';
    const fieldProblem = paymentRefProblem(paymentRef) ?? personIdProblem(personId);
    if (fieldProblem) return fieldProblem;
    const amount = statementAmount(raw);
    if ('problem' in amount) return amount.problem;
    const earlier = this.firstLineOf.get(paymentRef);
    if (earlier !== undefined) return `paymentRef ${paymentRef} repeats line ${earlier}`;
    this.firstLineOf.set(paymentRef, line);
    // Once the file is refused its lines are of no use; only the reasons are kept.
    if (this.errors.length === 0) this.lines.push({ paymentRef, personId, amount: amount.amount });
    return undefined;
  }

  private refuse(line: number, message: string): void {
    this.refusedLines++;
    if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push({ field: `line ${line}`, message });
  }
}
