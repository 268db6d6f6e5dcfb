import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { configFromEnv, SocaiRuntime } from '#runtime';
import { monthAndAreaProblem } from '../cli-options.js';
import { EXIT } from '../exit-codes.js';
import { exportPayouts, type PayoutExportFormat } from './export-payouts.js';

interface ExportPayoutsFlags {
  month?: string;
  area?: string;
  format?: string;
  output?: string;
}

const USAGE = 'usage: socai export payouts --month YYYY-MM --area CODE --format csv|xlsx [--output FILE]';

/**
 * `socai export payouts`: the payment list of a month and area with the latest reconciliation's
 * verdicts, as CSV or xlsx (docs/payouts.md). Exit 0 written, 1 bad flags, 2 the store failed.
 */
@SubCommand({ name: 'payouts', description: 'The payment list of a month and area with the latest reconciliation, as CSV or xlsx' })
export class ExportPayoutsCommand extends CommandRunner {
  async run(_arguments: string[], flags: ExportPayoutsFlags): Promise<void> {
    const problem = flagProblem(flags);
    if (problem) {
      process.stderr.write(`socai export payouts: ${problem}\n${USAGE}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    let runtime: SocaiRuntime | undefined;
    try {
      runtime = SocaiRuntime.open(configFromEnv());
      const summary = await exportPayouts(runtime, { month: flags.month!, area: flags.area!, format: flags.format as PayoutExportFormat, output: flags.output });
      const reconciled = summary.reconciliation
        ? `latest reconciliation ${summary.reconciliation.statementRef} (${summary.reconciliation.agent}, ${summary.reconciliation.reconciledOn})`
        : 'not reconciled yet';
      process.stderr.write(`${summary.payments} payments (${summary.reversed} reversed), ${summary.rows} rows, ${reconciled}${flags.output ? ` → ${flags.output}` : ''}\n`);
      process.exitCode = EXIT.ok;
    } catch (error) {
      process.stderr.write(`socai export payouts: ${(error as Error).message}\n`);
      process.exitCode = EXIT.integrity;
    } finally {
      await runtime?.close();
    }
  }

  @Option({ flags: '--month <month>', description: 'payout month YYYY-MM' })
  parseMonth(value: string): string {
    return value;
  }

  @Option({ flags: '--area <code>', description: 'GSO code; a province covers its districts' })
  parseArea(value: string): string {
    return value;
  }

  @Option({ flags: '--format <format>', description: 'csv (UTF-8 with BOM) or xlsx' })
  parseFormat(value: string): string {
    return value;
  }

  @Option({ flags: '--output <file>', description: 'file to write (default: standard output)' })
  parseOutput(value: string): string {
    return value;
  }
}

function flagProblem(flags: ExportPayoutsFlags): string | undefined {
  const period = monthAndAreaProblem(flags);
  if (period) return period;
  if (flags.format !== 'csv' && flags.format !== 'xlsx') return `--format must be csv or xlsx, not ${JSON.stringify(flags.format ?? '')}`;
  if (flags.format === 'xlsx' && !flags.output && process.stdout.isTTY) return 'an xlsx file is binary: give --output FILE or redirect standard output';
  return undefined;
}
