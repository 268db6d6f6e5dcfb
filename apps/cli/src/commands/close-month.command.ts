import { Command, CommandRunner, Option } from 'nest-commander';
import { todayUtc, type CloseMonth } from '#domain';
import { closeMonth, CloseMonthDto, validateWithLibraries } from '#ledger';
import { runOnLedger } from '../cli-options.js';
import { EXIT } from '../exit-codes.js';

interface CloseMonthFlags {
  area?: string;
  closedOn?: string;
}

const USAGE = 'usage: socai close-month YYYY-MM --area CODE [--closed-on YYYY-MM-DD]';

/**
 * `socai close-month`: the month-end close of an area, as `POST /api/month-end-closes` records it
 * (LateInterestCharged per employer with anything late). Exit 0 done (also when a close before it
 * charged everything), 1 bad arguments, 2 the store failed, 3 some employer's charge was refused.
 */
@Command({ name: 'close-month', arguments: '<month>', description: 'Close a month for an area: charge each employer its late-payment interest' })
export class CloseMonthCommand extends CommandRunner {
  async run([month]: string[], flags: CloseMonthFlags): Promise<void> {
    const validated = validateWithLibraries('CloseMonth', CloseMonthDto, { month, areaCode: flags.area, closedOn: flags.closedOn ?? todayUtc() });
    if (!validated.ok) {
      process.stderr.write(`socai close-month: ${validated.errors.map((e) => `${e.field} ${e.message}`).join('; ')}\n${USAGE}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    await runOnLedger('close-month', async (open) => {
      const runtime = open();
      const context = { actor: process.env.USER ?? 'cli', role: 'admin', source: 'cli' as const };
      const report = await closeMonth(runtime.ledger, runtime.areas, validated.command.data as unknown as CloseMonth, context);
      process.stdout.write(`closed ${report.month} for area ${report.areaCode}: ${report.employers} employers, ${report.charged} charged, `
        + `${report.duplicates} charged before, ${report.nothingToCharge} with nothing late, ${report.refused.length} refused\n`);
      for (const refused of report.refused) process.stderr.write(`  ${refused.unitCode}: ${refused.code} ${refused.message}\n`);
      return report.refused.length > 0 ? EXIT.refused : EXIT.ok;
    });
  }

  @Option({ flags: '--area <code>', description: 'GSO code of the area to close' })
  parseArea(value: string): string {
    return value;
  }

  @Option({ flags: '--closed-on <date>', description: 'date of the close (default today, UTC)' })
  parseClosedOn(value: string): string {
    return value;
  }
}
