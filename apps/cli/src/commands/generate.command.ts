import { once } from 'node:events';
import { Command, CommandRunner, Option } from 'nest-commander';
import { generateCommands, type ScenarioName } from '../generate/index.js';
import { wholeNumberArgument } from '../cli-options.js';
import { EXIT } from '../exit-codes.js';

interface GenerateFlags {
  scenario: ScenarioName;
  seed: number;
  employers?: number;
  persons?: number;
  months?: number;
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
    const lines = generateCommands({ scenario, seed: flags.seed ?? 1, employers: flags.employers, persons: flags.persons, months: flags.months });
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
