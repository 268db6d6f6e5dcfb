import { existsSync } from 'node:fs';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { openAuditDatabase } from '#event-store';
import { auditConfig, configFromEnv } from '#runtime';
import { exportEvents, type ExportFormat } from '../audit/export-events.js';
import { wholeNumberArgument } from '../cli-options.js';
import { ExportPayoutsCommand } from '../payouts/export-payouts.command.js';
import { EXIT } from '../exit-codes.js';

interface ExportFlags {
  format?: ExportFormat;
  fromPosition?: number;
  toPosition?: number;
}

const position = (value: string): number => wholeNumberArgument('export', value, 1);

@SubCommand({ name: 'events', description: 'The log as stored, with hashes, and the signed checkpoints: --format ndjson|csv [--from-position N] [--to-position M]' })
export class ExportEventsCommand extends CommandRunner {
  async run(_: string[], flags: ExportFlags): Promise<void> {
    const file = auditConfig(configFromEnv()).eventStoreFile;
    if (!existsSync(file)) {
      process.stderr.write(`socai export: no event store at ${file}\n`);
      process.exitCode = EXIT.integrity;
      return;
    }
    // A reader that goes away (`| head`) ends the export quietly.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(EXIT.ok);
      throw error;
    });
    const db = openAuditDatabase(file);
    try {
      const counts = await exportEvents(db, process.stdout, flags.format ?? 'ndjson', { fromPosition: flags.fromPosition, toPosition: flags.toPosition });
      process.stderr.write(`socai export: ${counts.events} events, ${counts.checkpoints} checkpoints\n`);
    } finally {
      db.close();
    }
  }

  @Option({ flags: '--format <format>', description: 'ndjson (default) or csv' })
  parseFormat(value: string): ExportFormat {
    if (value !== 'ndjson' && value !== 'csv') {
      process.stderr.write(`socai export: --format must be ndjson or csv, not ${value}\n`);
      process.exit(EXIT.usage);
    }
    return value;
  }

  @Option({ flags: '--from-position <n>', description: 'first position (default 1)' })
  parseFrom(value: string): number {
    return position(value);
  }

  @Option({ flags: '--to-position <n>', description: 'last position (default the head of the log)' })
  parseTo(value: string): number {
    return position(value);
  }
}

@Command({ name: 'export', description: 'Export data: `export events --format ndjson|csv [--from-position N --to-position M]`, `export payouts --month M --area A --format csv|xlsx`', subCommands: [ExportEventsCommand, ExportPayoutsCommand] })
export class ExportCommand extends CommandRunner {
  static readonly subCommands = [ExportEventsCommand, ExportPayoutsCommand];

  async run(): Promise<void> {
    process.stderr.write('usage: socai export events --format ndjson|csv [--from-position N] [--to-position M] | socai export payouts --month M --area A --format csv|xlsx\n');
    process.exitCode = EXIT.usage;
  }
}
