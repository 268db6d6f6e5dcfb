import { parseCamt053 } from './parsers/camt053.js';
import { parseStatementCsv } from './parsers/csv.js';
import type { ColumnMapping } from './parsers/mapping.js';
import { parseMt940 } from './parsers/mt940.js';
import { parseStatementXlsx } from './parsers/xlsx.js';
import { type Statement, type StatementFormat, StatementParseError } from './statement.js';

export interface ReadStatementOptions {
  format: StatementFormat;
  /** The collection account the clerk says the file is for (`--account`). */
  account: string;
  /** The bank's column mapping; needed for CSV and XLSX. */
  mapping?: ColumnMapping;
}

/**
 * Reads a statement file of any supported format, whole or not at all. A camt.053 or MT940 file names
 * its account itself; one for another account than the clerk named is refused, so that a file loaded
 * against the wrong account cannot book its credits there.
 */
export async function readStatementFile(input: Buffer, options: ReadStatementOptions): Promise<Statement[]> {
  const { format, account } = options;
  if (format === 'csv' || format === 'xlsx') {
    if (!options.mapping) throw new StatementParseError(format, { element: 'mapping' }, 'a CSV or XLSX statement needs the bank\'s column mapping');
    return [format === 'csv' ? parseStatementCsv(input, options.mapping, account) : await parseStatementXlsx(input, options.mapping, account)];
  }
  const statements = format === 'camt053' ? parseCamt053(input) : parseMt940(input);
  statements.forEach((statement, i) => {
    if (statement.header.account !== account) {
      const where = format === 'camt053' ? { element: `Stmt[${i + 1}]/Acct/Id` } : { element: `statement ${i + 1} :25:` };
      throw new StatementParseError(format, where, `account ${statement.header.account}, not ${account}`);
    }
  });
  return statements;
}
