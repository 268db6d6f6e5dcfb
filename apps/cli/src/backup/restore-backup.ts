import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { keyIdOf, readSigningKey } from '#event-store';
import { checkBackup, type BackupReport } from './check-backup.js';
import { describeFile, EVENTS_FILE } from './manifest.js';

/** Where the server looks for its checkpoint key unless SOCAI_SIGNING_KEY says otherwise. */
const SIGNING_KEY_FILE = 'signing-key.pem';

export interface RestoreOptions {
  from: string;
  dataDir: string;
  publicKeyFile?: string;
  /** The private checkpoint key, kept apart from the backups; it must be the key the backup's checkpoints were signed with. */
  signingKeyFile?: string;
}

export type RestoreOutcome =
  | { restored: true; report: BackupReport; signingKeyRestored: boolean }
  | { restored: false; usage: boolean; reason: string; report?: BackupReport };

/**
 * `socai restore --from DIR`: checks the backup exactly as `socai verify --data-dir DIR` does and writes
 * nothing unless it is intact. The target must hold no ledger: restoring over one would silently discard
 * what it recorded since. Each file goes in under a temporary name, is hashed again, then renamed, so an
 * interrupted restore never leaves a half-written events.sqlite. Read models are then rebuilt (`socai rebuild`).
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreOutcome> {
  const { from, dataDir } = options;
  if (!existsSync(from)) return { restored: false, usage: true, reason: `${from} does not exist` };
  if (existsSync(join(dataDir, EVENTS_FILE))) {
    return { restored: false, usage: true, reason: `${dataDir} already holds a ledger (${EVENTS_FILE}): restore into a new or empty data directory` };
  }
  const report = await checkBackup(from, { publicKeyFile: options.publicKeyFile });
  if (!report.ok || !report.manifest) return { restored: false, usage: false, reason: `the backup does not verify${report.firstBadPosition === undefined ? '' : ` at position ${report.firstBadPosition}`}: ${report.reason}`, report };
  const signingKey = options.signingKeyFile ? readSigningKey(options.signingKeyFile) : undefined;
  if (options.signingKeyFile && !signingKey) return { restored: false, usage: true, reason: `${options.signingKeyFile} does not exist` };
  if (signingKey && report.manifest.publicKeyId && keyIdOf(signingKey.publicKey) !== report.manifest.publicKeyId) {
    return { restored: false, usage: true, reason: `${options.signingKeyFile} (key ${keyIdOf(signingKey.publicKey)}) did not sign this backup's checkpoints (key ${report.manifest.publicKeyId})` };
  }
  const present = readSigningKey(join(dataDir, SIGNING_KEY_FILE));
  if (present && report.manifest.publicKeyId && keyIdOf(present.publicKey) !== report.manifest.publicKeyId) {
    return { restored: false, usage: true, reason: `${join(dataDir, SIGNING_KEY_FILE)} (key ${keyIdOf(present.publicKey)}) did not sign this backup's checkpoints (key ${report.manifest.publicKeyId})` };
  }

  mkdirSync(dataDir, { recursive: true });
  // Stale read models (every generation and its pointer) or WAL files of an earlier ledger in the same directory must not outlive it.
  for (const name of readdirSync(dataDir)) if (/^(events|access)\.sqlite(-wal|-shm)?$|^read-models\./.test(name)) rmSync(join(dataDir, name), { recursive: true, force: true });
  // events.sqlite last: it is what makes the directory a ledger, so it appears only once everything else is in place.
  const ordered = [...report.manifest.files].sort((a, b) => Number(a.name === EVENTS_FILE) - Number(b.name === EVENTS_FILE));
  for (const file of ordered) {
    const partial = join(dataDir, `${file.name}.restoring`);
    copyFileSync(join(from, file.name), partial);
    const copied = await describeFile(dataDir, `${file.name}.restoring`);
    if (copied.sha256 !== file.sha256) {
      rmSync(partial, { force: true });
      return { restored: false, usage: false, reason: `${file.name} changed while it was copied into ${dataDir}`, report };
    }
    renameSync(partial, join(dataDir, file.name));
  }
  if (options.signingKeyFile && signingKey) {
    const target = join(dataDir, SIGNING_KEY_FILE);
    copyFileSync(options.signingKeyFile, target);
    chmodSync(target, 0o600);
  }
  return { restored: true, report, signingKeyRestored: Boolean(signingKey) };
}
