import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../reference-data.js';

/** A collection account the office holds: which area's money it collects, at which bank. */
export interface BankAccount {
  account: string;
  areaCode: string;
  /** The bank's key in libs/bank's mappings (`vietcombank`, `bidv`): the CSV/XLSX layout of its exports. */
  bank: string;
}

/**
 * The collection accounts, from `reference-data/bank-accounts.csv` (`account,areaCode,bank`) or the
 * file `SOCAI_BANK_ACCOUNTS_FILE` names: an account's area decides who may import its statements and
 * work its suspense queue, and which employers its credits are matched against. A missing file is
 * no accounts, so an import is refused with the account named rather than booked to a guessed area.
 */
export function loadBankAccounts(file = process.env.SOCAI_BANK_ACCOUNTS_FILE || join(projectRoot(), 'reference-data', 'bank-accounts.csv')): Map<string, BankAccount> {
  const accounts = new Map<string, BankAccount>();
  if (!existsSync(file)) return accounts;
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim() !== '');
  for (const line of lines.slice(1)) {
    const [account, areaCode, bank] = line.split(',').map((cell) => cell.trim());
    if (account && areaCode) accounts.set(account, { account, areaCode, bank: bank ?? '' });
  }
  return accounts;
}
