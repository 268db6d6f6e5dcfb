import { join, resolve } from 'node:path';
import type { SocaiConfig } from '../config.js';

/** Where the audit side finds its files, and how often the server signs checkpoints. */
export interface AuditConfig {
  /** The SQLite event store the runtime opens (`<dataDir>/events.sqlite`). */
  eventStoreFile: string;
  /** `SOCAI_SIGNING_KEY`, default `<dataDir>/signing-key.pem` (Ed25519, PKCS#8 PEM, mode 0600). */
  signingKeyFile: string;
  /** `SOCAI_CHECKPOINT_EVERY_EVENTS`, default 1,000. */
  checkpointEveryEvents: number;
  /** `SOCAI_CHECKPOINT_EVERY_MINUTES`, default 5. */
  checkpointEveryMinutes: number;
}

export const EVENT_STORE_FILE = 'events.sqlite';

export function auditConfig(config: Pick<SocaiConfig, 'dataDir'>, env: NodeJS.ProcessEnv = process.env): AuditConfig {
  return {
    eventStoreFile: join(config.dataDir, EVENT_STORE_FILE),
    signingKeyFile: env.SOCAI_SIGNING_KEY ? resolve(env.SOCAI_SIGNING_KEY) : join(config.dataDir, 'signing-key.pem'),
    checkpointEveryEvents: positive(env.SOCAI_CHECKPOINT_EVERY_EVENTS, 1_000, 'SOCAI_CHECKPOINT_EVERY_EVENTS'),
    checkpointEveryMinutes: positive(env.SOCAI_CHECKPOINT_EVERY_MINUTES, 5, 'SOCAI_CHECKPOINT_EVERY_MINUTES'),
  };
}

function positive(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}=${text}: must be a positive number`);
  return value;
}
