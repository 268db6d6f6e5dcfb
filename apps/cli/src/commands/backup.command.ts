import { resolve } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import { configFromEnv } from '#runtime';
import { usage } from '../cli-options.js';
import { EXIT } from '../exit-codes.js';
import { BackupRefused, discardBackup, takeBackup } from '../backup/take-backup.js';

interface BackupFlags {
  to?: string;
}

@Command({ name: 'backup', description: 'Write a consistent copy of the event store, the API keys, the public checkpoint key and a manifest into DIR, while the server runs' })
export class BackupCommand extends CommandRunner {
  async run(_: string[], flags: BackupFlags): Promise<void> {
    if (!flags.to) usage('backup', '--to DIR is required');
    const to = resolve(flags.to);
    const started = process.hrtime.bigint();
    try {
      const manifest = await takeBackup(configFromEnv(), to);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const checkpoint = manifest.lastCheckpoint ? `last checkpoint at ${manifest.lastCheckpoint.position} (digest ${manifest.lastCheckpoint.digest.slice(0, 16)}…)` : 'no checkpoint yet';
      process.stdout.write(`backed up ${manifest.head} events (${manifest.streams} streams, ${checkpoint}) to ${to} in ${seconds.toFixed(2)} s\n`);
    } catch (error) {
      if (error instanceof BackupRefused && error.usage) usage('backup', error.message);
      if (!(error instanceof BackupRefused)) discardBackup(to);
      process.stderr.write(`socai backup: ${(error as Error).message}\n`);
      process.exitCode = EXIT.integrity;
    }
  }

  @Option({ flags: '--to <dir>', description: 'a new or empty directory for the backup' })
  parseTo(value: string): string {
    return value;
  }
}
