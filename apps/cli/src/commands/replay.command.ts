import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { todayUtc } from '#domain';
import { renderProvinceReportText } from '#read-models';
import { parseInstant, replayKnownAt } from '../audit/replay-known-at.js';
import { dateArgument, reportPeriod, usage as usageOf, withRuntime } from '../cli-options.js';
import { ProvinceReportFlags } from './province-report-flags.js';

interface KnownAtFlags {
  knownAt?: string;
}

interface ProvinceFlags extends KnownAtFlags {
  from?: string;
  to?: string;
  json?: boolean;
}

interface ArrearsFlags extends KnownAtFlags {
  asOf?: string;
}

function usage(message: string): never {
  return usageOf('replay', message);
}
const date = (value: string): string => dateArgument('replay', value);

function instant(value: string): string {
  return parseInstant(value) ?? usage(`${value} is not an ISO 8601 instant (2025-03-01T08:00:00Z, or a date for its midnight UTC)`);
}

/** `--known-at` may come before the subcommand (on `replay`) or after it; the later one wins. */
function knownAtOf(runner: { options(): KnownAtFlags }): string {
  return runner.options().knownAt ?? usage('--known-at INSTANT is required');
}


@SubCommand({ name: 'province', arguments: '<code>', description: 'The provincial report from the events recorded up to --known-at' })
export class ReplayReportProvinceCommand extends ProvinceReportFlags {
  protected readonly commandName = 'replay';

  options(): ProvinceFlags {
    return this.command.optsWithGlobals() as ProvinceFlags;
  }

  async run([code]: string[]): Promise<void> {
    const flags = this.options();
    const knownAt = knownAtOf(this);
    const { from, to } = reportPeriod(flags, 'replay');
    // The live read models stay untouched: the replay projects into a scratch store.
    const report = await withRuntime((runtime) => replayKnownAt(runtime.store, runtime.areas, knownAt, (queries) => queries.provinceReport(code!, from, to)));
    if (!report) usage(`no province ${code}`);
    process.stdout.write(flags.json ? `${JSON.stringify({ knownAt, ...report }, null, 2)}\n` : `${renderProvinceReportText(report)}\n`);
  }

  @Option({ flags: '--known-at <instant>', description: 'only events recorded up to this instant' })
  parseKnownAt(value: string): string {
    return instant(value);
  }
}

@SubCommand({ name: 'report', description: 'Reports as the ledger knew them: `replay --known-at I report province CODE --from D --to D`', subCommands: [ReplayReportProvinceCommand] })
export class ReplayReportCommand extends CommandRunner {
  async run(): Promise<void> {
    usage('usage: socai replay --known-at INSTANT report province CODE --from D --to D [--json]');
  }
}

@SubCommand({ name: 'arrears', arguments: '<unitCode>', description: "An employer's arrears (JSON) from the events recorded up to --known-at" })
export class ReplayArrearsCommand extends CommandRunner {
  options(): ArrearsFlags {
    return this.command.optsWithGlobals() as ArrearsFlags;
  }

  async run([unitCode]: string[]): Promise<void> {
    const flags = this.options();
    const knownAt = knownAtOf(this);
    const asOf = flags.asOf ?? todayUtc();
    const arrears = await withRuntime((runtime) => replayKnownAt(runtime.store, runtime.areas, knownAt, (queries) => queries.employerArrears(unitCode!, asOf)));
    if (!arrears) usage(`no employer ${unitCode} was registered at ${knownAt}`);
    process.stdout.write(`${JSON.stringify({ knownAt, ...arrears }, null, 2)}\n`);
  }

  @Option({ flags: '--known-at <instant>', description: 'only events recorded up to this instant' })
  parseKnownAt(value: string): string {
    return instant(value);
  }

  @Option({ flags: '--as-of <date>', description: 'the date the arrears are computed for (default today)' })
  parseAsOf(value: string): string {
    return date(value);
  }
}

@Command({
  name: 'replay',
  description: 'What the ledger said then: `replay --known-at INSTANT report province CODE --from D --to D [--json]` or `replay --known-at INSTANT arrears UNITCODE --as-of D`',
  subCommands: [ReplayReportCommand, ReplayArrearsCommand],
})
export class ReplayCommand extends CommandRunner {
  static readonly subCommands = [ReplayReportCommand, ReplayReportProvinceCommand, ReplayArrearsCommand];

  async run(): Promise<void> {
    usage('usage: socai replay --known-at INSTANT report province CODE --from D --to D [--json] | replay --known-at INSTANT arrears UNITCODE --as-of D');
  }

  @Option({ flags: '--known-at <instant>', description: 'only events recorded up to this instant (ISO 8601 UTC)' })
  parseKnownAt(value: string): string {
    return instant(value);
  }
}
