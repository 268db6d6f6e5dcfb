import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import type { VerifyReport } from '#event-store';
import { checkBackup } from '../backup/check-backup.js';
import { EVENTS_FILE, isBackupDir } from '../backup/manifest.js';
import { configFromEnv, verifyLedger } from '#runtime';
import { EXIT } from '../exit-codes.js';

interface VerifyFlags {
  publicKey?: string;
  dataDir?: string;
  json?: boolean;
}

/**
 * The report for `--data-dir` (a backup is recognised by its manifest and checked as one: files, log end,
 * chain) or for SOCAI_DATA_DIR. A named directory without a ledger is a failure, not an empty success.
 */
async function verifyDataDir(flags: VerifyFlags): Promise<VerifyReport> {
  const publicKeyFile = flags.publicKey && resolve(flags.publicKey);
  if (!flags.dataDir) return verifyLedger(configFromEnv(), { publicKeyFile });
  const dataDir = resolve(flags.dataDir);
  if (isBackupDir(dataDir)) {
    const { manifest: _, ...report } = await checkBackup(dataDir, { publicKeyFile });
    return report;
  }
  if (!existsSync(join(dataDir, EVENTS_FILE))) return { ok: false, eventsChecked: 0, checkpointsChecked: 0, reason: `${dataDir} holds neither a ledger (${EVENTS_FILE}) nor a backup (manifest.json)` };
  return verifyLedger({ dataDir }, { publicKeyFile });
}

@Command({ name: 'verify', description: 'Check every stream hash chain, the running digest and every signed checkpoint; exit 0 only if intact, 2 otherwise' })
export class VerifyCommand extends CommandRunner {
  async run(_: string[], flags: VerifyFlags): Promise<void> {
    const started = process.hrtime.bigint();
    const report = await verifyDataDir(flags);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else if (report.ok) {
      const rate = seconds > 0 ? Math.round(report.eventsChecked / seconds) : report.eventsChecked;
      process.stdout.write(`intact: ${report.eventsChecked} events and ${report.checkpointsChecked} signed checkpoints verified in ${seconds.toFixed(2)} s (${rate} events/s)\n`);
    } else {
      const where = [report.firstBadPosition !== undefined ? `position ${report.firstBadPosition}` : undefined, report.streamId ? `stream ${report.streamId}` : undefined]
        .filter(Boolean)
        .join(', ');
      process.stdout.write(`BROKEN at ${where || 'the end of the log'}: ${report.reason}\n(${report.eventsChecked} events and ${report.checkpointsChecked} checkpoints checked before it)\n`);
    }
    process.exitCode = report.ok ? EXIT.ok : EXIT.integrity;
  }

  @Option({ flags: '--public-key <file>', description: "PEM of the key checkpoints must be signed with (default: the node's own key in the data dir)" })
  parsePublicKey(value: string): string {
    return value;
  }

  @Option({ flags: '--data-dir <dir>', description: 'check this data directory or backup directory (one with a manifest.json) instead of SOCAI_DATA_DIR' })
  parseDataDir(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'print {ok, eventsChecked, checkpointsChecked, firstBadPosition?, streamId?, reason?}' })
  parseJson(): boolean {
    return true;
  }
}
