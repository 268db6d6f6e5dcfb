import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { keyIdOf, openAuditDatabase, readSigningKey } from '#event-store';
import { auditConfig, type SocaiConfig } from '#runtime';
import { ACCESS_FILE, BACKUP_FORMAT, describeFile, EVENTS_FILE, MANIFEST_FILE, PUBLIC_KEY_FILE, readLogEnd, type BackupFile, type BackupManifest } from './manifest.js';

/** A backup that cannot start: `usage` for what the operator asked wrong, otherwise the store could not be read. */
export class BackupRefused extends Error {
  constructor(message: string, readonly usage: boolean) {
    super(message);
  }
}

/**
 * Copies a live SQLite file with `VACUUM INTO`: one read transaction, so the copy is one snapshot even
 * while the server appends (WAL readers never block the writer), and it never restarts the way the page
 * backup API does each time another connection writes. The copy is left in rollback-journal mode, a single
 * self-contained file whose bytes stay as hashed until something writes to it.
 */
function vacuumInto(source: Database.Database, target: string): void {
  source.prepare('VACUUM INTO ?').run(target);
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/**
 * `socai backup --to DIR`: the event store (events, streams, checkpoints, idempotency keys), the API keys,
 * the checkpoint key's public half and a manifest describing the copy, written last and atomically, so a
 * directory with a manifest is a finished backup. The private signing key is never copied: it is kept apart.
 */
export async function takeBackup(config: Pick<SocaiConfig, 'dataDir' | 'eventStore'>, to: string, env: NodeJS.ProcessEnv = process.env): Promise<BackupManifest> {
  if (config.eventStore !== 'sqlite') {
    throw new BackupRefused(`SOCAI_EVENT_STORE=${config.eventStore}: back up EventStoreDB/KurrentDB with its own procedure (docs/operations.md, "Backup and restore")`, true);
  }
  if (existsSync(to) && readdirSync(to).length > 0) throw new BackupRefused(`${to} is not empty: a backup goes into a new or empty directory`, true);
  const audit = auditConfig(config, env);
  if (!existsSync(audit.eventStoreFile)) throw new BackupRefused(`${audit.eventStoreFile} does not exist: nothing to back up`, false);
  mkdirSync(to, { recursive: true });

  const files: BackupFile[] = [];
  const source = openAuditDatabase(audit.eventStoreFile);
  try {
    vacuumInto(source, join(to, EVENTS_FILE));
  } finally {
    source.close();
  }
  files.push(await describeFile(to, EVENTS_FILE));
  const accessFile = join(config.dataDir, ACCESS_FILE);
  if (existsSync(accessFile)) {
    const access = new Database(accessFile, { fileMustExist: true, timeout: 5000 });
    try {
      vacuumInto(access, join(to, ACCESS_FILE));
    } finally {
      access.close();
    }
    files.push(await describeFile(to, ACCESS_FILE));
  }
  const signingKey = readSigningKey(audit.signingKeyFile);
  if (signingKey) {
    writeFileSync(join(to, PUBLIC_KEY_FILE), signingKey.publicKeyPem);
    files.push(await describeFile(to, PUBLIC_KEY_FILE));
  }

  const copy = new Database(join(to, EVENTS_FILE), { readonly: true, fileMustExist: true });
  let manifest: BackupManifest;
  try {
    manifest = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), ...readLogEnd(copy), publicKeyId: signingKey ? keyIdOf(signingKey.publicKey) : null, files };
  } finally {
    copy.close();
  }
  const partial = join(to, `${MANIFEST_FILE}.partial`);
  writeFileSync(partial, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(partial, join(to, MANIFEST_FILE));
  return manifest;
}

/** Removes what a failed backup left in a directory it created or found empty. */
export function discardBackup(to: string): void {
  for (const name of [EVENTS_FILE, ACCESS_FILE, PUBLIC_KEY_FILE, `${MANIFEST_FILE}.partial`]) rmSync(join(to, name), { force: true });
}
