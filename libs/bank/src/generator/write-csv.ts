import { stringify } from 'csv-stringify/sync';
import type { ColumnMapping } from '../parsers/mapping.js';
import type { Statement } from '../statement.js';

/**
 * Writes a statement as a bank portal's CSV export, laid out by the bank's column mapping: a title
 * block above the header, Vietnamese grouping (`1.234.000`), `dd/mm/yyyy`, a byte-order mark and `;`
 * (what a spreadsheet in a Vietnamese locale writes), and a totals footer.
 */
export function writeStatementCsv(statement: Statement, mapping: ColumnMapping): string {
  const c = mapping.columns;
  const columns = [c.bookingDate, c.valueDate, c.bankRef, c.description, c.counterpartyName, c.counterpartyAccount, c.amount, c.credit, c.debit].filter(
    (h): h is string => !!h,
  );
  const money = (amount: string) => groupThousands(amount, mapping.thousands[0] ?? '');
  const rows = statement.lines.map((l) => {
    const cells: Record<string, string> = {
      [c.bookingDate]: dmy(l.bookingDate),
      ...(c.valueDate ? { [c.valueDate]: dmy(l.valueDate) } : {}),
      [c.bankRef]: l.bankRef,
      [c.description]: l.description,
      ...(c.counterpartyName ? { [c.counterpartyName]: l.counterpartyName ?? '' } : {}),
      ...(c.counterpartyAccount ? { [c.counterpartyAccount]: l.counterpartyAccount ?? '' } : {}),
      ...(c.amount ? { [c.amount]: `${l.direction === 'debit' ? '-' : ''}${money(l.amount)}` } : {}),
      ...(c.credit ? { [c.credit]: l.direction === 'credit' ? money(l.amount) : '' } : {}),
      ...(c.debit ? { [c.debit]: l.direction === 'debit' ? money(l.amount) : '' } : {}),
    };
    return columns.map((h) => cells[h] ?? '');
  });
  const title = [[`SAO KÊ TÀI KHOẢN ${statement.header.account}`], [`Ngân hàng: ${mapping.bank.toUpperCase()}`], []];
  const footer = [['Tổng cộng', `${statement.lines.length} giao dịch`]];
  const delimiter = mapping.delimiter ?? (mapping.decimal === ',' ? ';' : ',');
  return `\uFEFF${stringify([...title, columns, ...rows, ...footer], { delimiter, record_delimiter: '\r\n' })}`;
}

function dmy(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function groupThousands(amount: string, separator: string): string {
  return amount.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}
