import { parse } from 'csv-parse/sync';
import { type Statement, StatementParseError } from '../statement.js';
import type { ColumnMapping } from './mapping.js';
import { readRows, type Row } from './rows.js';

/**
 * Reads a bank portal's CSV export with the bank's column mapping. A byte-order mark and a `;`
 * delimiter (what a spreadsheet writes in a locale where `,` is the decimal mark) are tolerated.
 */
export function parseStatementCsv(input: string | Buffer, mapping: ColumnMapping, account: string): Statement {
  const text = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '');
  const delimiter = mapping.delimiter ?? guessDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as { code?: string; lines?: number; message: string };
    // csv-parse counts lines up to where it gave up, which for an unclosed quote is the end of the
    // file; the clerk needs the line where the quote was opened.
    const line = e.code === 'CSV_QUOTE_NOT_CLOSED' ? unclosedQuoteLine(text) : (e.lines ?? 1);
    throw new StatementParseError('csv', { line }, e.message);
  }
  const rows: Row[] = records.map(({ record, info }) => ({ cells: record, line: info.lines }));
  return readRows(rows, mapping, account, 'csv');
}

/** The delimiter is whichever of `;` and `,` the header-like line with the most of either holds more of. */
function guessDelimiter(text: string): string {
  const lines = text.split(/\r?\n/).slice(0, 20);
  const count = (line: string, ch: string) => line.split(ch).length - 1;
  const best = lines.reduce((a, b) => (Math.max(count(b, ';'), count(b, ',')) > Math.max(count(a, ';'), count(a, ',')) ? b : a), '');
  return count(best, ';') > count(best, ',') ? ';' : ',';
}

/** The line on which the quote left open at the end of the text was opened. */
function unclosedQuoteLine(text: string): number {
  let line = 1;
  let openedOn = 1;
  let quoted = false;
  for (const ch of text) {
    if (ch === '\n') line++;
    else if (ch === '"') {
      quoted = !quoted;
      if (quoted) openedOn = line;
    }
  }
  return openedOn;
}
