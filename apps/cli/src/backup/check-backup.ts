import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { keyIdOf, readPublicKey, verifyEventLog, type VerifyReport } from '#event-store';
import { describeFile, EVENTS_FILE, PUBLIC_KEY_FILE, readLogEnd, readManifest, type BackupManifest } from './manifest.js';

export interface BackupReport extends VerifyReport {
  manifest?: BackupManifest;
}

function broken(reason: string, manifest?: BackupManifest): BackupReport {
  return { ok: false, eventsChecked: 0, checkpointsChecked: 0, reason, ...(manifest ? { manifest } : {}) };
}

/**
 * Checks a backup directory without writing to it: every file as the manifest hashed it, the log's end as
 * the manifest recorded it (a copy cut short after the last checkpoint would otherwise pass), then the
 * whole log as `socai verify` checks a data dir, its checkpoints against `publicKeyFile` when given (the
 * auditor's pinned key: the meaningful check) or else the public key stored with the copy.
 */
export async function checkBackup(dir: string, options: { publicKeyFile?: string } = {}): Promise<BackupReport> {
  const manifest = readManifest(dir);
  if (typeof manifest === 'string') return broken(manifest);
  for (const expected of manifest.files) {
    if (!existsSync(join(dir, expected.name))) return broken(`${expected.name} is missing`, manifest);
    const found = await describeFile(dir, expected.name);
    if (found.sha256 !== expected.sha256 || found.bytes !== expected.bytes) {
      return broken(`${expected.name} is not the file the backup wrote (SHA-256 ${found.sha256.slice(0, 16)}…, ${found.bytes} bytes; manifest: ${expected.sha256.slice(0, 16)}…, ${expected.bytes} bytes)`, manifest);
    }
  }
  const keyFile = options.publicKeyFile ?? (existsSync(join(dir, PUBLIC_KEY_FILE)) ? join(dir, PUBLIC_KEY_FILE) : undefined);
  const publicKey = keyFile ? readPublicKey(keyFile) : undefined;
  if (publicKey && manifest.publicKeyId && keyIdOf(publicKey) !== manifest.publicKeyId) {
    return broken(`the public key ${keyFile} (key ${keyIdOf(publicKey)}) is not the one the backup recorded (key ${manifest.publicKeyId})`, manifest);
  }

  // Read-only: checking a copy must never change it (a journal-mode switch alone would alter its bytes).
  const db = new Database(join(dir, EVENTS_FILE), { readonly: true, fileMustExist: true });
  try {
    const end = readLogEnd(db);
    const recorded = { head: manifest.head, headHash: manifest.headHash, streams: manifest.streams, lastCheckpoint: manifest.lastCheckpoint };
    if (JSON.stringify(end) !== JSON.stringify(recorded)) {
      return broken(`the log ends at position ${end.head} (${end.streams} streams, last checkpoint ${end.lastCheckpoint?.position ?? 'none'}); the manifest says ${manifest.head} (${manifest.streams} streams, last checkpoint ${manifest.lastCheckpoint?.position ?? 'none'})`, manifest);
    }
    return { ...(await verifyEventLog(db, { publicKey })), manifest };
  } finally {
    db.close();
  }
}
