import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { StatementParseError } from '#bank';
import { todayUtc } from '#domain';
import { formatOfFileName, importBankStatement, loadBankAccounts, readBankStatement, StatementRequestError } from '#ledger';
import { runOnLedger } from '../cli-options.js';
import { EXIT } from '../exit-codes.js';

interface ImportFlags {
  account?: string;
  format?: string;
  bank?: string;
}

const USAGE = 'usage: socai bank-statement import FILE --account ACC [--format camt053|mt940|csv|xlsx --bank NAME]';

/**
 * `socai bank-statement import`: a collection account's statement, as `POST /api/bank-statements`
 * records it (a credit per line keyed account+bankRef, confident matches booked as collections). Exit 0
 * done (also for a statement loaded before), 1 bad arguments or a file refused whole (its line or
 * element named, nothing written), 2 the store failed.
 */
@SubCommand({ name: 'import', arguments: '<file>', description: 'Load a bank statement: camt.053, MT940, or the bank\'s CSV/XLSX export' })
export class BankStatementImportCommand extends CommandRunner {
  async run([file]: string[], flags: ImportFlags): Promise<void> {
    let input: Buffer;
    let read;
    try {
      input = readFileSync(file!);
      read = await readBankStatement(input, loadBankAccounts(), { account: flags.account, bank: flags.bank, format: flags.format ?? formatOfFileName(file!) });
    } catch (error) {
      const why = error instanceof StatementParseError || error instanceof StatementRequestError ? error.message : `${file}: ${(error as Error).message}`;
      process.stderr.write(`socai bank-statement import: ${why}\nnothing recorded\n${USAGE}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    await runOnLedger(
      'bank-statement import',
      async (open) => {
        const runtime = open();
        const context = { actor: process.env.USER ?? 'cli', role: 'admin', source: 'cli' as const };
        const report = await importBankStatement(runtime.ledger, runtime.areas, read.account, read.statements, context, todayUtc());
        process.stdout.write(`${basename(file!)} on ${report.account}: ${report.lines} lines, ${report.debits} debits, ${report.newCredits} new credits, `
          + `${report.duplicates} duplicates, ${report.matched} matched, ${report.suspense} in suspense\n`);
      },
      // A line that contradicts a credit recorded before refuses the file (nothing written): bad input, not a store failure.
      (error) => (error instanceof StatementRequestError ? { message: error.message, exitCode: EXIT.usage } : undefined),
    );
  }

  @Option({ flags: '--account <account>', description: 'the collection account the statement is for (reference-data/bank-accounts.csv)' })
  parseAccount(value: string): string {
    return value;
  }

  @Option({ flags: '--format <format>', description: 'camt053, mt940, csv or xlsx (default: from the file name)' })
  parseFormat(value: string): string {
    return value;
  }

  @Option({ flags: '--bank <name>', description: 'the bank whose CSV/XLSX column mapping to use (default: the account\'s bank)' })
  parseBank(value: string): string {
    return value;
  }
}

@Command({ name: 'bank-statement', description: 'Bank statements: `bank-statement import FILE --account ACC [--format F --bank NAME]`', subCommands: [BankStatementImportCommand] })
export class BankStatementCommand extends CommandRunner {
  static readonly subCommands = [BankStatementImportCommand];

  async run(): Promise<void> {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = EXIT.usage;
  }
}
