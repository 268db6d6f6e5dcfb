// The compiled socai the benchmarks drive: everything comes from dist/ (run `npm run build` first).
import { cpSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';

import { configFromEnv } from '../../dist/libs/runtime/src/index.js';

export { SocaiRuntime } from '../../dist/libs/runtime/src/index.js';
export { importFile } from '../../dist/apps/cli/src/commands/import-file.js';
export { generateCommands } from '../../dist/apps/cli/src/generate/index.js';

/** A config like `socai` builds from its environment, for a data directory of the benchmark's own. */
export function configFor(dataDir) {
  // The state cache's size may be set as for the CLI: a smaller cache on a small ledger shows what
  // misses cost without a large one.
  const { SOCAI_STATE_CACHE_EVENTS } = process.env;
  return configFromEnv({ SOCAI_DATA_DIR: resolve(dataDir), ...(SOCAI_STATE_CACHE_EVENTS ? { SOCAI_STATE_CACHE_EVENTS } : {}) });
}

/** A fresh copy of a data directory (closed stores only: their WAL has been checkpointed). */
export function copyDataDir(from, to) {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}

/**
 * The events of a socai store file exactly as stored: `[eventId, streamId, revision, type, data, metadata]`
 * with data and metadata as their JSON text. The reference sides write and read these same rows.
 */
export function storedEvents(storeFile) {
  const db = new Database(storeFile, { readonly: true });
  try {
    return db.prepare('SELECT event_id, stream_id, revision, type, data, metadata FROM events ORDER BY position').raw(true).all();
  } finally {
    db.close();
  }
}
