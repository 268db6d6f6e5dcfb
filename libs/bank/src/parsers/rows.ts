import { readAmount } from '../amount.js';
import { readDate } from '../dates.js';
import { type Statement, type StatementFormat, type StatementLine, StatementParseError } from '../statement.js';
import { type ColumnMapping, mappingProblem } from './mapping.js';
import { SeenReferences } from './unique-refs.js';

/** A cell as a sheet or a CSV gives it: text, or for XLSX a number or a date the sheet typed. */
export type Cell = string | number | Date | null | undefined;

export interface Row {
  cells: Cell[];
  /** The line (CSV) or row (XLSX) number a clerk sees in the file. */
  line: number;
}

/** Header text compared without case, diacritics or surrounding spaces. */
export function headerKey(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Turns the rows of a portal export into statement lines. Rows above the header (the export's title,
 * the account's name) and rows with neither a reference nor a date (blank lines, the "Tổng cộng"
 * totals footer) are skipped; any other row that cannot be read refuses the whole file.
 */
export function readRows(rows: Row[], mapping: ColumnMapping, account: string, format: StatementFormat): Statement {
  const problem = mappingProblem(mapping);
  if (problem) throw new StatementParseError(format, { element: `mapping ${mapping.bank}` }, problem);
  const wanted = Object.entries(mapping.columns).filter(([, header]) => header) as [string, string][];
  const headerIndex = rows.findIndex((row) => {
    const keys = row.cells.map((c) => headerKey(String(c ?? '')));
    return wanted.every(([, header]) => keys.includes(headerKey(header)));
  });
  if (headerIndex < 0) {
    throw new StatementParseError(format, { line: 1 }, `no header row with the ${mapping.bank} columns ${wanted.map(([, h]) => `"${h}"`).join(', ')}`);
  }
  const keys = rows[headerIndex].cells.map((c) => headerKey(String(c ?? '')));
  const column = Object.fromEntries(wanted.map(([name, header]) => [name, keys.indexOf(headerKey(header))])) as Record<string, number>;
  const lines: StatementLine[] = [];
  const refs = new SeenReferences<number>();
  for (const row of rows.slice(headerIndex + 1)) {
    const text = (name: string): string => cellText(column[name] === undefined ? undefined : row.cells[column[name]]);
    if (!text('bankRef') && dateCell(row.cells[column.bookingDate], mapping) === undefined) continue;
    const fail = (reason: string): never => {
      throw new StatementParseError(format, { line: row.line }, reason);
    };
    const bookingDate = dateCell(row.cells[column.bookingDate], mapping) ?? fail(`date "${text('bookingDate')}" is not ${mapping.dateFormat}`);
    const valueDate = column.valueDate === undefined || !text('valueDate')
      ? bookingDate
      : (dateCell(row.cells[column.valueDate], mapping) ?? fail(`value date "${text('valueDate')}" is not ${mapping.dateFormat}`));
    const bankRef = text('bankRef') || fail('the reference column is empty');
    const first = refs.firstSeen(account, bankRef, row.line);
    if (first !== undefined) fail(`bank reference ${bankRef} is already on line ${first}`);
    const { amount, direction } = amountOf(row, column, mapping, fail);
    const counterpartyName = text('counterpartyName');
    const counterpartyAccount = text('counterpartyAccount');
    lines.push({
      account,
      bankRef,
      bookingDate,
      valueDate,
      amount,
      direction,
      description: text('description'),
      ...(counterpartyName ? { counterpartyName } : {}),
      ...(counterpartyAccount ? { counterpartyAccount } : {}),
    });
  }
  const dates = lines.map((l) => l.bookingDate).sort();
  const statementId = `${mapping.bank}-${account}-${dates[0] ?? 'empty'}-${dates[dates.length - 1] ?? 'empty'}`;
  return { header: { account, statementId }, lines };
}

function amountOf(row: Row, column: Record<string, number>, mapping: ColumnMapping, fail: (reason: string) => never): Pick<StatementLine, 'amount' | 'direction'> {
  const read = (index: number): string | undefined => {
    const cell = row.cells[index];
    const text = cellText(cell);
    if (!text) return undefined;
    // A sheet's own number is already a number; reading it as text would misread 1234000.5 in a `.`-grouped format.
    const result = typeof cell === 'number' ? readAmount(String(cell), { decimal: '.', thousands: '' }) : readAmount(text, mapping);
    return 'problem' in result ? fail(result.problem) : result.value;
  };
  if (mapping.columns.amount) {
    const signed = read(column.amount) ?? fail('the amount column is empty');
    if (signed === '0') fail('the amount is zero');
    return signed.startsWith('-') ? { amount: signed.slice(1), direction: 'debit' } : { amount: signed.replace(/^\+/, ''), direction: 'credit' };
  }
  const credit = nonZero(read(column.credit));
  const debit = nonZero(read(column.debit));
  if (credit && debit) fail('both the credit and the debit column are filled');
  if (!credit && !debit) fail('neither the credit nor the debit column is filled');
  const amount = (credit ?? debit) as string;
  if (amount.startsWith('-')) fail(`a negative amount ${amount} in the ${credit ? 'credit' : 'debit'} column`);
  return { amount, direction: credit ? 'credit' : 'debit' };
}

function nonZero(value: string | undefined): string | undefined {
  return value === undefined || value === '0' ? undefined : value;
}

function dateCell(cell: Cell, mapping: ColumnMapping): string | undefined {
  // A sheet's typed date is a UTC midnight for the day shown.
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : cell.toISOString().slice(0, 10);
  return readDate(cellText(cell), mapping.dateFormat);
}

export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}
