import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import { loadBankAccounts } from '#ledger';
import { generateCommands, provinceOf, resolveScenario, type BankStatementSink, type ScenarioName } from '../generate/index.js';
import { wholeNumberArgument } from '../cli-options.js';
import { EXIT } from '../exit-codes.js';

interface GenerateFlags {
  scenario: ScenarioName;
  seed: number;
  employers?: number;
  persons?: number;
  months?: number;
  bankStatements?: string;
}

const SCENARIOS: ScenarioName[] = ['demo', 'province', 'national', 'reorganisation'];

const wholeNumber = (value: string): number => wholeNumberArgument('generate', value);

@Command({ name: 'generate', description: 'Write a realistic synthetic NDJSON command file to standard output, deterministic for a seed' })
export class GenerateCommand extends CommandRunner {
  async run(_: string[], flags: GenerateFlags): Promise<void> {
    const scenario = flags.scenario ?? 'demo';
    if (!SCENARIOS.includes(scenario)) {
      process.stderr.write(`socai generate: --scenario must be one of ${SCENARIOS.join(', ')}\n`);
      process.exit(EXIT.usage);
    }
    const options = { scenario, seed: flags.seed ?? 1, employers: flags.employers, persons: flags.persons, months: flags.months };
    const bank = flags.bankStatements ? bankSink(flags.bankStatements, options.scenario) : undefined;
    const lines = generateCommands(options, bank);
    let chunk = '';
    for (const line of lines) {
      chunk += line + '\n';
      if (chunk.length >= 1 << 16) {
        if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
        chunk = '';
      }
    }
    if (chunk) process.stdout.write(chunk);
  }

  @Option({
    flags: '--bank-statements <dir>',
    description: 'also write the bank statements of the collection accounts serving the scenario (reference-data/bank-accounts.csv): '
      + 'a camt.053 and a CSV export per account and month, and expected.json; the employers\' collections they carry are left out '
      + 'of the command file, so load the file first, then the statements in month order',
  })
  parseBankStatements(value: string): string {
    return value;
  }

  @Option({ flags: '--scenario <name>', description: 'demo | province | national | reorganisation' })
  parseScenario(value: string): string {
    return value;
  }

  @Option({ flags: '--seed <n>', description: 'random seed (the same seed gives the same file)' })
  parseSeed(value: string): number {
    return wholeNumber(value);
  }

  @Option({ flags: '--employers <n>', description: 'number of employers' })
  parseEmployers(value: string): number {
    return wholeNumber(value);
  }

  @Option({ flags: '--persons <n>', description: 'number of persons' })
  parsePersons(value: string): number {
    return wholeNumber(value);
  }

  @Option({ flags: '--months <n>', description: 'number of months' })
  parseMonths(value: string): number {
    return wholeNumber(value);
  }
}

/** Writes the statements under `dir`; refuses a scenario no collection account serves, as there would be nothing to write. */
function bankSink(dir: string, scenario: ScenarioName): BankStatementSink {
  const provinces = resolveScenario({ scenario, seed: 1 }).provinces.map((p) => p.code);
  const areas = new Set(provinces.flatMap((p) => [p, ...provinceOf(p).districts.map((d) => d.code)]));
  const accounts = [...loadBankAccounts().values()].filter((a) => areas.has(a.areaCode));
  if (accounts.length === 0) {
    process.stderr.write(`socai generate: --bank-statements: no collection account (reference-data/bank-accounts.csv) serves provinces ${provinces.join(', ')}\n`);
    process.exit(EXIT.usage);
  }
  return {
    accounts,
    done(expected) {
      for (const a of expected.accounts) {
        process.stderr.write(`socai generate: ${dir}/${a.account}: ${a.months} statements, ${a.credits.count} credits of ${a.credits.amount}; `
          + `matched automatically ${a.matched.count} of ${a.matched.amount} (${a.sharePercent} % of the amount), ${a.wrong} wrong; `
          + `${a.suspense.count} of ${a.suspense.amount} to suspense\n`);
      }
    },
    write(file) {
      const path = join(dir, file.name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    },
  };
}

