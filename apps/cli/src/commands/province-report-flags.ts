import { CommandRunner, Option } from 'nest-commander';
import { dateArgument } from '../cli-options.js';

/**
 * The flags of a provincial report, written once for `socai report province` and `socai replay …
 * report province`: nest-commander reads options from the prototype chain, so each command inherits
 * them and names itself in a usage error.
 */
export abstract class ProvinceReportFlags extends CommandRunner {
  protected abstract readonly commandName: string;

  @Option({ flags: '--from <date>', description: 'first day (default 1 January of the year of --to)' })
  parseFrom(value: string): string {
    return dateArgument(this.commandName, value);
  }

  @Option({ flags: '--to <date>', description: 'last day (default today)' })
  parseTo(value: string): string {
    return dateArgument(this.commandName, value);
  }

  @Option({ flags: '--json', description: 'print the figures as JSON instead of prose' })
  parseJson(): boolean {
    return true;
  }
}
