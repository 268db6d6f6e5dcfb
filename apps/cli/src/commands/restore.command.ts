import { resolve } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import { configFromEnv } from '#runtime';
import { restoreBackup } from '../backup/restore-backup.js';
import { usage } from '../cli-options.js';
import { EXIT } from '../exit-codes.js';

interface RestoreFlags {
  from?: string;
  dataDir?: string;
  publicKey?: string;
  signingKey?: string;
}

@Command({ name: 'restore', description: 'Check a backup written by `socai backup` and, only if it verifies, put it into an empty data directory; exit 2 if it does not verify' })
export class RestoreCommand extends CommandRunner {
  async run(_: string[], flags: RestoreFlags): Promise<void> {
    if (!flags.from) usage('restore', '--from DIR is required');
    const dataDir = flags.dataDir ? resolve(flags.dataDir) : configFromEnv().dataDir;
    const outcome = await restoreBackup({
      from: resolve(flags.from),
      dataDir,
      publicKeyFile: flags.publicKey && resolve(flags.publicKey),
      signingKeyFile: flags.signingKey && resolve(flags.signingKey),
    });
    if (!outcome.restored) {
      if (outcome.usage) usage('restore', outcome.reason);
      process.stderr.write(`socai restore: ${outcome.reason}; nothing was written\n`);
      process.exitCode = EXIT.integrity;
      return;
    }
    const { report } = outcome;
    process.stdout.write(`restored ${report.eventsChecked} events and ${report.checkpointsChecked} signed checkpoints (verified) into ${dataDir}\n`);
    process.stdout.write(`next: SOCAI_DATA_DIR=${dataDir} npx socai rebuild\n`);
    if (!outcome.signingKeyRestored) {
      process.stdout.write(`the checkpoint signing key is not part of a backup: put the one kept apart back as ${dataDir}/signing-key.pem (or pass --signing-key) before serving\n`);
    }
  }

  @Option({ flags: '--from <dir>', description: 'the backup directory (with its manifest.json)' })
  parseFrom(value: string): string {
    return value;
  }

  @Option({ flags: '--data-dir <dir>', description: 'where to restore (default SOCAI_DATA_DIR); must hold no events.sqlite' })
  parseDataDir(value: string): string {
    return value;
  }

  @Option({ flags: '--public-key <file>', description: "PEM of the key the backup's checkpoints must be signed with (default: the public key stored in the backup)" })
  parsePublicKey(value: string): string {
    return value;
  }

  @Option({ flags: '--signing-key <file>', description: 'the private checkpoint key kept apart; checked against the backup and put back as signing-key.pem (mode 0600)' })
  parseSigningKey(value: string): string {
    return value;
  }
}
