import { importBankStatement, readBankStatement, type BankAccount, type BankImportReport, type Ledger, type LedgerAreas } from '#ledger';
import type { IsoDate } from '#domain';
import type { StatementFile } from './bank-statements.js';

/**
 * Loads generated camt.053 statements in month order, as `socai bank-statement import` would one by
 * one, for the demo that holds them in memory: each month's matches teach the next its accounts.
 */
export async function loadGeneratedStatements(
  ledger: Ledger, areas: Pick<LedgerAreas, 'isWithin'>, accounts: ReadonlyMap<string, BankAccount>, files: readonly StatementFile[], today: IsoDate,
): Promise<BankImportReport[]> {
  const reports: BankImportReport[] = [];
  const context = { actor: 'demo', role: 'admin', source: 'import' as const };
  for (const file of [...files].filter((f) => f.name.endsWith('.camt053.xml')).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const account = file.name.split('/')[0];
    const read = await readBankStatement(Buffer.from(file.content), accounts, { account, format: 'camt053' });
    reports.push(await importBankStatement(ledger, areas, read.account, read.statements, context, today));
  }
  return reports;
}
