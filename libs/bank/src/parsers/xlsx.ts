import { type Statement, StatementParseError } from '../statement.js';
import type { ColumnMapping } from './mapping.js';
import { type Cell, readRows, type Row } from './rows.js';

/**
 * Reads a bank portal's XLSX export with the bank's column mapping. exceljs is loaded on first use:
 * it is many modules that reading any other format need not pay for.
 */
export async function parseStatementXlsx(input: Buffer, mapping: ColumnMapping, account: string): Promise<Statement> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(input as unknown as ArrayBuffer);
  } catch (err) {
    throw new StatementParseError('xlsx', { element: 'workbook' }, `not an XLSX file: ${(err as Error).message}`);
  }
  const sheet = mapping.sheet ? workbook.getWorksheet(mapping.sheet) : workbook.worksheets[0];
  if (!sheet) throw new StatementParseError('xlsx', { element: `sheet ${mapping.sheet ?? '1'}` }, 'no such worksheet');
  const rows: Row[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellValue(cell.value);
    });
    rows.push({ cells, line: rowNumber });
  });
  return readRows(rows, mapping, account, 'xlsx');
}

/** A cell's value as text, number or date; rich text and formulas give what the sheet shows. */
function cellValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellValue(v.result);
    if (typeof v.text === 'string') return v.text;
  }
  return String(value);
}
