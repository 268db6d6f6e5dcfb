import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { OnModuleDestroy } from '@nestjs/common';
import Database from 'better-sqlite3';
import { generateClearKey, hashKey, newKeyId, type ApiKey, type CreatedKey } from './api-key.js';
import { KnownKeys } from './known-keys.js';
import { EVERY_AREA, type Role } from './roles.js';

/** How a key came to be: the env bootstrap, a generated bootstrap, `POST /api/keys`, or `socai keys create`. */
export type KeyOrigin = 'env' | 'generated' | 'api' | 'cli';

export interface NewKey {
  name: string;
  role: Role;
  areas: string[];
}

/**
 * A key that is not revoked already carries this name (compared without regard to case or Unicode
 * form). Names are labels that people read in the key list and the audit trail, where `actor` holds
 * the key id; two live keys labelled alike, or an `Admin` beside `admin`, would mislead them.
 */
export class KeyNameTakenError extends Error {
  readonly code = 'KEY_NAME_TAKEN';
  constructor(name: string, readonly holderId: string) {
    super(`the name "${name}" is taken by key ${holderId}; choose another, or revoke that key first`);
    this.name = 'KeyNameTakenError';
  }
}

export interface KeyStoreOptions {
  /** Ensure the bootstrap admin key (the server does; the CLI does not). Default true. */
  bootstrap?: boolean;
  /** Where the generated admin key is shown, once. Default: standard error. */
  announce?: (line: string) => void;
}

interface KeyRow {
  id: string;
  name: string;
  role: Role;
  areas: string;
  created_at: string;
  revoked_at: string | null;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS api_keys (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    areas      TEXT NOT NULL,
    key_hash   TEXT NOT NULL UNIQUE,
    origin     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
`;
const COLUMNS = 'id, name, role, areas, created_at, revoked_at';

function present(row: KeyRow): ApiKey {
  return { id: row.id, name: row.name, role: row.role, areas: JSON.parse(row.areas) as string[], createdAt: row.created_at, revokedAt: row.revoked_at };
}

/**
 * The API keys, in their own SQLite file (`<dataDir>/access.sqlite`) so that access is managed apart
 * from the ledger and never enters the event log. Only SHA-256 hashes are kept: the clear key is
 * returned once by `create` and is neither stored nor logged.
 *
 * Every request authenticates against the file, so a key revoked by `socai keys revoke` in another
 * process stops working at once: the keys found are remembered only while the file is unchanged
 * (`KnownKeys`), which costs one `PRAGMA data_version` a request instead of a look-up and a parse.
 */
export class KeyStore implements OnModuleDestroy {
  private readonly byHash: Database.Statement<[string], KeyRow>;
  private readonly known: KnownKeys;

  private constructor(private readonly db: Database.Database) {
    this.byHash = db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL`);
    this.known = new KnownKeys(db);
  }

  static open(config: { dataDir: string; adminKey?: string }, options: KeyStoreOptions = {}): KeyStore {
    mkdirSync(config.dataDir, { recursive: true });
    const store = KeyStore.openFile(join(config.dataDir, 'access.sqlite'));
    if (options.bootstrap ?? true) {
      store.ensureBootstrapAdmin(config.adminKey, options.announce ?? ((line) => process.stderr.write(`${line}\n`)));
    }
    return store;
  }

  static openFile(path: string): KeyStore {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    // A revocation must survive a crash as surely as the ledger's facts do.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    return new KeyStore(db);
  }

  /**
   * Records a new key and returns it with its clear text, which the caller shows once. Throws
   * KeyNameTakenError when a live key has the name; the check and the insert are one write
   * transaction, so two processes creating the same name at once cannot both succeed.
   */
  create(key: NewKey, origin: KeyOrigin = 'api'): CreatedKey {
    const clearKey = generateClearKey();
    const stored = this.db.transaction(() => {
      const holder = this.liveKeyNamed(key.name);
      if (holder) throw new KeyNameTakenError(key.name, holder);
      return this.insert(key, hashKey(clearKey), origin);
    }).immediate();
    return { ...stored, key: clearKey };
  }

  /** The id of the unrevoked key with this name, if any (see KeyNameTakenError for the comparison). */
  private liveKeyNamed(name: string): string | undefined {
    const wanted = sameName(name);
    const live = this.db.prepare<[], { id: string; name: string }>('SELECT id, name FROM api_keys WHERE revoked_at IS NULL ORDER BY rowid').all();
    return live.find((row) => sameName(row.name) === wanted)?.id;
  }

  /** Every key, revoked ones included, oldest first; never a secret. */
  list(): ApiKey[] {
    return this.db.prepare<[], KeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, rowid`).all().map(present);
  }

  find(id: string): ApiKey | undefined {
    const row = this.db.prepare<[string], KeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE id = ?`).get(id);
    return row ? present(row) : undefined;
  }

  /** Revokes a key for good; revoking it again keeps the first date. Undefined for an unknown id. */
  revoke(id: string, now = new Date()): ApiKey | undefined {
    this.db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now.toISOString(), id);
    this.known.forget();
    return this.find(id);
  }

  /** The unrevoked key behind a bearer token, or undefined. */
  authenticate(clearKey: string): ApiKey | undefined {
    const hash = hashKey(clearKey);
    const known = this.known.get(hash);
    if (known) return known;
    const row = this.byHash.get(hash);
    if (!row) return undefined;
    const key = present(row);
    this.known.remember(hash, key);
    return key;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  onModuleDestroy(): void {
    this.close();
  }

  /**
   * `SOCAI_ADMIN_KEY` is kept as an admin key named `admin` for every area; setting another value
   * revokes the previous one from the environment (rotation). A key that was revoked stays revoked
   * even if the environment still names it. With no variable and no key at all, one is generated and
   * announced once, so a fresh install is never open and never locked.
   */
  private ensureBootstrapAdmin(adminKey: string | undefined, announce: (line: string) => void): void {
    const admin: NewKey = { name: 'admin', role: 'admin', areas: [EVERY_AREA] };
    const generated = this.db.transaction((): string | undefined => {
      if (adminKey) {
        const hash = hashKey(adminKey);
        if (this.db.prepare('SELECT 1 FROM api_keys WHERE key_hash = ?').get(hash)) return undefined;
        this.db.prepare("UPDATE api_keys SET revoked_at = ? WHERE origin = 'env' AND revoked_at IS NULL").run(new Date().toISOString());
        this.insert(admin, hash, 'env');
        return undefined;
      }
      if (this.db.prepare('SELECT 1 FROM api_keys LIMIT 1').get()) return undefined;
      const clearKey = generateClearKey();
      this.insert(admin, hashKey(clearKey), 'generated');
      return clearKey;
    }).immediate();
    if (generated) announce(`socai: generated admin API key (shown once): ${generated}`);
  }

  private insert(key: NewKey, keyHash: string, origin: KeyOrigin): ApiKey {
    const stored: ApiKey = { id: newKeyId(), name: key.name, role: key.role, areas: [...key.areas], createdAt: new Date().toISOString(), revokedAt: null };
    this.db
      .prepare('INSERT INTO api_keys (id, name, role, areas, key_hash, origin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(stored.id, stored.name, stored.role, JSON.stringify(stored.areas), keyHash, origin, stored.createdAt);
    this.known.forget();
    return stored;
  }
}

/** The form two names are compared in: NFC, lower case, as people would read them. */
function sameName(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
