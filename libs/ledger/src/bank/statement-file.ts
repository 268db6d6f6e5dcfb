import { BANK_MAPPINGS, readStatementFile, type Statement, type StatementFormat } from '#bank';
import type { BankAccount } from './bank-accounts.js';

export const STATEMENT_FORMATS: readonly StatementFormat[] = ['camt053', 'mt940', 'csv', 'xlsx'];

/** A statement request the office cannot take, before the file is read: the field at fault and why. */
export class StatementRequestError extends Error {
  constructor(readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'StatementRequestError';
  }
}

/** The format a file name's ending suggests: the CLI's default when `--format` is left out. */
export function formatOfFileName(name: string): StatementFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.xml')) return 'camt053';
  if (lower.endsWith('.mt940') || lower.endsWith('.sta') || lower.endsWith('.940')) return 'mt940';
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return undefined;
}

/**
 * Reads a statement file for one of the office's collection accounts, whole or not at all (a
 * StatementParseError names the line or element). The CSV/XLSX column mapping is the bank's named by
 * `bank`, else the account's bank in reference-data/bank-accounts.csv.
 */
export async function readBankStatement(
  input: Buffer, accounts: ReadonlyMap<string, BankAccount>, request: { account?: string; format?: string; bank?: string },
): Promise<{ account: BankAccount; statements: Statement[] }> {
  if (!request.account) throw new StatementRequestError('account', 'is required: the collection account the statement is for');
  const account = accounts.get(request.account);
  if (!account) throw new StatementRequestError('account', `${request.account} is not one of the office's collection accounts (reference-data/bank-accounts.csv)`);
  const format = request.format as StatementFormat | undefined;
  if (!format || !STATEMENT_FORMATS.includes(format)) throw new StatementRequestError('format', `must be one of: ${STATEMENT_FORMATS.join(', ')}`);
  const bank = request.bank ?? account.bank;
  const mapping = Object.hasOwn(BANK_MAPPINGS, bank) ? BANK_MAPPINGS[bank] : undefined;
  if ((format === 'csv' || format === 'xlsx') && !mapping) {
    throw new StatementRequestError('bank', `must be one of: ${Object.keys(BANK_MAPPINGS).join(', ')} (the column mapping of a CSV or XLSX export)`);
  }
  const statements = await readStatementFile(input, { format, account: account.account, mapping });
  return { account, statements };
}
