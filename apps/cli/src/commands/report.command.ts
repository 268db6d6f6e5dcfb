import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { renderProvinceReportText } from '#read-models';
import { configFromEnv, SocaiRuntime } from '#runtime';
import { dateArgument, reportPeriod } from '../cli-options.js';
import { EXIT } from '../exit-codes.js';

interface ReportFlags {
  from?: string;
  to?: string;
  json?: boolean;
}

const date = (value: string): string => dateArgument('report', value);

@SubCommand({ name: 'province', arguments: '<code>', description: 'The provincial report: headline figures against the same period of the previous year' })
export class ReportProvinceCommand extends CommandRunner {
  async run([code]: string[], flags: ReportFlags): Promise<void> {
    const { from, to } = reportPeriod(flags);
    const runtime = SocaiRuntime.open(configFromEnv());
    try {
      await runtime.readModels.projector.catchUp(runtime.store);
      const report = await runtime.readModels.queries.provinceReport(code, from, to);
      if (!report) {
        process.stderr.write(`socai report: no province ${code}\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderProvinceReportText(report)}\n`);
    } finally {
      await runtime.close();
    }
  }

  @Option({ flags: '--from <date>', description: 'first day (default 1 January of the year of --to)' })
  parseFrom(value: string): string {
    return date(value);
  }

  @Option({ flags: '--to <date>', description: 'last day (default today)' })
  parseTo(value: string): string {
    return date(value);
  }

  @Option({ flags: '--json', description: 'print the figures as JSON instead of prose' })
  parseJson(): boolean {
    return true;
  }
}

@Command({ name: 'report', description: 'Reports: `report province CODE --from D --to D [--json]`', subCommands: [ReportProvinceCommand] })
export class ReportCommand extends CommandRunner {
  static readonly subCommands = [ReportProvinceCommand];

  async run(): Promise<void> {
    process.stderr.write('usage: socai report province CODE --from YYYY-MM-DD --to YYYY-MM-DD [--json]\n');
    process.exitCode = EXIT.usage;
  }
}
