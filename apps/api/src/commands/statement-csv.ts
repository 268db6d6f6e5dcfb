import { parse } from 'csv-parse/sync';
import type { FieldError } from '../common/http-errors.js';

export type StatementParse = { ok: true; lines: { paymentRef: string; personId: string; amount: string }[] } | { ok: false; errors: FieldError[] };

/**
 * Reads a payout agent's statement: a header row `paymentRef,personId,amount`, UTF-8 with or
 * without BOM, comma or semicolon separated; amounts may carry Vietnamese thousands dots
 * (`1.234.000`). A malformed row refuses the whole file with its line number.
 */
export function parseStatementCsv(text: string): StatementParse {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, delimiter, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    return { ok: false, errors: [{ field: 'body', message: (error as Error).message }] };
  }
  const [header, ...body] = rows;
  const columns = (header ?? []).map((name) => name.trim());
  const index = { paymentRef: columns.indexOf('paymentRef'), personId: columns.indexOf('personId'), amount: columns.indexOf('amount') };
  if (index.paymentRef < 0 || index.personId < 0 || index.amount < 0) {
    return { ok: false, errors: [{ field: 'body', message: 'line 1: the header must name paymentRef, personId and amount' }] };
  }
  const lines = body.map((row) => ({
    paymentRef: row[index.paymentRef],
    personId: row[index.personId],
    amount: /^\d{1,3}(\.\d{3})+$/.test(row[index.amount]) ? row[index.amount].replace(/\./g, '') : row[index.amount],
  }));
  return { ok: true, lines };
}
