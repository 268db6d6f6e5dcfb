import type Database from 'better-sqlite3';
import type { ApiKey } from './api-key.js';

/** More distinct keys than any office has; past it the memory starts again rather than grow. */
const MAX_KNOWN_KEYS = 10_000;

/**
 * The keys the store has found, by key hash, remembered only while the key file is unchanged.
 *
 * SQLite's `PRAGMA data_version` changes whenever another connection (`socai keys revoke`, another API
 * instance on the same data dir) commits to the file, so a revocation made elsewhere is seen by the
 * very next request, as when every request looked the key up. The store's own writes do not change
 * it: the store calls `forget` after each. Unknown and revoked keys are never remembered, so a
 * caller cannot fill the memory with guesses.
 */
export class KnownKeys {
  private readonly dataVersion: Database.Statement<[], number>;
  private readonly keys = new Map<string, ApiKey>();
  private seenVersion = -1;

  constructor(db: Database.Database) {
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  /** The remembered key for this hash, if the file has not changed since it was found. */
  get(keyHash: string): ApiKey | undefined {
    const version = this.dataVersion.get() as number;
    if (version !== this.seenVersion) {
      this.keys.clear();
      this.seenVersion = version;
      return undefined;
    }
    return this.keys.get(keyHash);
  }

  /** Remembers a key just read from the file, frozen since every request that presents it shares it. */
  remember(keyHash: string, key: ApiKey): void {
    if (this.keys.size >= MAX_KNOWN_KEYS) this.keys.clear();
    Object.freeze(key.areas);
    this.keys.set(keyHash, Object.freeze(key));
  }

  /** Forgets every key: the store has just written to the file itself. */
  forget(): void {
    this.keys.clear();
  }
}
