import { existsSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { CheckpointStore, openAuditDatabase, readPublicKey, readSigningKey, verifyEventLog, type Checkpoint, type VerifyReport } from '#event-store';
import type { SocaiConfig } from '../config.js';
import { auditConfig } from './audit-config.js';

/**
 * The public key checkpoints are checked against: `publicKeyFile` when given (the auditor's pinned
 * copy, the meaningful check), else the public half of the node's own signing key, if it has one, else
 * the public-key.pem a restore put in the data dir.
 */
export function checkpointPublicKey(config: Pick<SocaiConfig, 'dataDir'>, publicKeyFile?: string, env: NodeJS.ProcessEnv = process.env): KeyObject | undefined {
  if (publicKeyFile) return readPublicKey(publicKeyFile);
  const own = readSigningKey(auditConfig(config, env).signingKeyFile)?.publicKey;
  if (own) return own;
  // A directory restored from a backup before its private key was put back still has the public half.
  const restored = join(config.dataDir, 'public-key.pem');
  return existsSync(restored) ? readPublicKey(restored) : undefined;
}

/** `socai verify` and `GET /api/audit/verify`: the whole log, on a connection of its own. */
export async function verifyLedger(
  config: Pick<SocaiConfig, 'dataDir'>,
  options: { publicKeyFile?: string; yieldEvery?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<VerifyReport> {
  const file = auditConfig(config, options.env).eventStoreFile;
  if (!existsSync(file)) return { ok: true, eventsChecked: 0, checkpointsChecked: 0 };
  const publicKey = checkpointPublicKey(config, options.publicKeyFile, options.env);
  const db = openAuditDatabase(file);
  try {
    return await verifyEventLog(db, { publicKey, yieldEvery: options.yieldEvery });
  } finally {
    db.close();
  }
}

/** A page of checkpoints from `fromPosition`, for `GET /api/audit/checkpoints`. */
export function checkpointsPage(config: Pick<SocaiConfig, 'dataDir'>, fromPosition: number, limit: number): { checkpoints: Checkpoint[]; nextPosition: number } {
  const file = auditConfig(config).eventStoreFile;
  if (!existsSync(file)) return { checkpoints: [], nextPosition: fromPosition };
  const store = CheckpointStore.open(file);
  try {
    const checkpoints = store.list({ fromPosition, limit });
    const nextPosition = checkpoints.length > 0 ? checkpoints[checkpoints.length - 1]!.position + 1 : fromPosition;
    return { checkpoints, nextPosition };
  } finally {
    store.close();
  }
}
