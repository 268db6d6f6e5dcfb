import type { BankCreditItem, BankReconciliation } from './bank-credits.query.js';
import { bankCreditsTable, bankReconciliationTable, type ExportCell, type ExportTable } from './bank-credits.csv.js';

/** Past 2^53 a double skips whole numbers: a larger amount stays text, so no đồng is lost. */
const LARGEST_EXACT = 2n ** 53n;
const WHOLE = /^-?\d+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An amount cell: the JSON and the CSV keep amounts as decimal strings; a spreadsheet sums only
 * numbers, and a double holds a whole number exactly below 2^53, so such an amount becomes a number
 * and anything else (a fraction, a larger figure) stays the text it was.
 */
function amountCell(value: string): string | number {
  if (!WHOLE.test(value)) return value;
  const whole = BigInt(value);
  return (whole < 0n ? -whole : whole) < LARGEST_EXACT ? Number(value) : value;
}

/** A business date as the spreadsheet's date of that day (midnight UTC: exceljs counts days in UTC). */
const dateCell = (value: string): Date | string => (ISO_DATE.test(value) ? new Date(`${value}T00:00:00Z`) : value);

function cellOf(table: ExportTable, column: string, value: ExportCell): string | number | Date | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return value;
  if (table.money.includes(column)) return amountCell(value);
  if (table.dates.includes(column)) return dateCell(value);
  return value;
}

/**
 * A list as an XLSX workbook of one sheet: the CSV's columns and rows, amounts as numbers shown
 * `#,##0`, dates as dates shown `dd/mm/yyyy`. Texts go in as text cells, which a spreadsheet never
 * runs as formulas, so they are kept as given (the CSV has to quote them).
 */
export async function exportXlsx(table: ExportTable): Promise<Buffer> {
  // Loaded on first use: exceljs is a large tree of modules no other answer needs (docs/benchmarks.md, 'exceljs loaded lazily').
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column) => ({
    header: column,
    key: column,
    width: table.money.includes(column) ? 16 : table.dates.includes(column) ? 12 : Math.max(column.length + 2, 14),
    style: table.money.includes(column) ? { numFmt: '#,##0' } : table.dates.includes(column) ? { numFmt: 'dd/mm/yyyy' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(table.columns.map((column, i) => cellOf(table, column, row[i])));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The credits of a list as XLSX. */
export const bankCreditsXlsx = (items: readonly BankCreditItem[]): Promise<Buffer> => exportXlsx(bankCreditsTable(items));

/** A month's reconciliation as XLSX. */
export const bankReconciliationXlsx = (recon: BankReconciliation, credits: readonly BankCreditItem[]): Promise<Buffer> => exportXlsx(bankReconciliationTable(recon, credits));
