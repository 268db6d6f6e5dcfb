import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { CheckpointStore, type Checkpoint } from '#event-store';

/** What `socai backup` writes beside the copies, last: a directory without it is not a finished backup. */
export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'socai-backup/1';
export const EVENTS_FILE = 'events.sqlite';
export const ACCESS_FILE = 'access.sqlite';
export const PUBLIC_KEY_FILE = 'public-key.pem';

export interface BackupFile {
  name: string;
  bytes: number;
  sha256: string;
}

/** Where the copied log ends, read from the copy itself, so that the manifest describes exactly what was written. */
export interface LogEnd {
  /** The position of the last event (0 for an empty log). */
  head: number;
  /** The stored hash of that event: a copy cut short after the last checkpoint is caught by it. */
  headHash: string | null;
  streams: number;
  /** The last signed checkpoint (position, running digest, when and by which key), if any. */
  lastCheckpoint: Checkpoint | null;
}

export interface BackupManifest extends LogEnd {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  /** keyId of the checkpoint key whose public half is in public-key.pem, or null when the node had none yet. */
  publicKeyId: string | null;
  files: BackupFile[];
}

export async function describeFile(dir: string, name: string): Promise<BackupFile> {
  const file = join(dir, name);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { name, bytes: statSync(file).size, sha256: hash.digest('hex') };
}

export function readLogEnd(db: Database.Database): LogEnd {
  const last = db.prepare<[], { position: number; hash: string | null }>(
    "SELECT position, json_extract(metadata, '$.hash') AS hash FROM events ORDER BY position DESC LIMIT 1",
  ).get();
  const streams = db.prepare<[], { count: number }>('SELECT count(*) AS count FROM streams').get()!.count;
  return { head: last?.position ?? 0, headHash: last?.hash ?? null, streams, lastCheckpoint: new CheckpointStore(db).latest() ?? null };
}

/** The manifest of `dir`, or the reason there is none to trust. */
export function readManifest(dir: string): BackupManifest | string {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) return `${dir} has no ${MANIFEST_FILE}: not a finished socai backup`;
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  } catch (error) {
    return `${MANIFEST_FILE} is not JSON: ${(error as Error).message}`;
  }
  if (manifest?.format !== BACKUP_FORMAT) return `${MANIFEST_FILE} has format ${JSON.stringify(manifest?.format)}, expected ${BACKUP_FORMAT}`;
  if (!Array.isArray(manifest.files) || !manifest.files.some((f) => f.name === EVENTS_FILE)) return `${MANIFEST_FILE} lists no ${EVENTS_FILE}`;
  return manifest;
}

export function isBackupDir(dir: string): boolean {
  return existsSync(join(dir, MANIFEST_FILE));
}
