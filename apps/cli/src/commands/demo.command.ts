import { Command, CommandRunner, Option } from 'nest-commander';
import { loadBankAccounts, NdjsonImport } from '#ledger';
import { configFromEnv, SocaiRuntime, startApiServer } from '#runtime';
import { todayUtc } from '#domain';
import { generateCommands, type StatementFile } from '../generate/index.js';
import { loadGeneratedStatements } from '../generate/load-statements.js';
import { describeSummary } from './import-file.js';

interface DemoFlags {
  bankStatements?: boolean;
}

@Command({ name: 'demo', description: 'Generate and import the demo scenario (the 2025 reorganisation of Quảng Trị, seed 1), then serve it; a second run imports nothing new' })
export class DemoCommand extends CommandRunner {
  async run(_: string[], flags: DemoFlags = {}): Promise<void> {
    const runtime = await SocaiRuntime.openForRecording(configFromEnv());
    const importer = new NdjsonImport(runtime.ledger, { actor: 'demo', role: 'admin', source: 'import' });
    const files: StatementFile[] = [];
    const accounts = loadBankAccounts();
    const bank = flags.bankStatements ? { accounts: [...accounts.values()], write: (file: StatementFile) => files.push(file) } : undefined;
    const summary = await importer.run(generateCommands({ scenario: 'reorganisation', seed: 1 }, bank));
    process.stdout.write(`demo scenario: ${describeSummary(summary)}\n`);
    if (bank) {
      const reports = await loadGeneratedStatements(runtime.ledger, runtime.areas, accounts, files, todayUtc());
      const total = (key: 'newCredits' | 'matched' | 'suspense') => reports.reduce((sum, r) => sum + r[key], 0);
      process.stdout.write(`demo bank statements: ${reports.length} loaded, ${total('newCredits')} new credits, ${total('matched')} matched, ${total('suspense')} in suspense\n`);
    }
    await runtime.close();
    await startApiServer();
    await new Promise(() => undefined);
  }

  @Option({
    flags: '--bank-statements',
    description: 'on a fresh data directory: the employers of the old Quảng Trị pay by bank transfer, so their collections come from '
      + 'the collection account\'s generated statements (matched, or left in suspense) instead of the command file',
  })
  parseBankStatements(): boolean {
    return true;
  }
}
