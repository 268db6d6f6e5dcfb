import { todayUtc } from '#domain';
import { loadAreaDirectory } from '#ledger';
import { checkNewKey, configFromEnv, KeyNameTakenError, KeyStore } from '#runtime';
import { EXIT } from '../exit-codes.js';

/** Where an action writes, and the exit code it sets; the command classes pass the process's own. */
export interface KeysIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CreateKeyFlags {
  name?: string;
  role?: string;
  areas?: string;
}

/**
 * The operator's own access to the key store, on `SOCAI_DATA_DIR` like the server. It does not
 * bootstrap an admin key: the server does that when it starts.
 */
function withKeys<T>(use: (keys: KeyStore) => T): T {
  const keys = KeyStore.open(configFromEnv(), { bootstrap: false });
  try {
    return use(keys);
  } finally {
    keys.close();
  }
}

/** `keys create`: the key alone goes to standard output, so `KEY=$(socai keys create …)` captures it. */
export function createKeyAction(flags: CreateKeyFlags, io: KeysIo): number {
  const areas = (flags.areas ?? '').split(',').map((code) => code.trim()).filter((code) => code !== '');
  const directory = loadAreaDirectory();
  const checked = checkNewKey({ name: flags.name, role: flags.role, areas }, (code) => directory.findAny(code) !== undefined);
  if (!checked.ok) {
    for (const error of checked.errors) io.err(`socai keys create: ${error.field.replace(/^areas\[\d+\]$/, 'areas')} ${error.message}\n`);
    return EXIT.usage;
  }
  let created;
  try {
    created = withKeys((keys) => keys.create(checked.key, 'cli'));
  } catch (error) {
    if (!(error instanceof KeyNameTakenError)) throw error;
    io.err(`socai keys create: ${error.code}: ${error.message}\n`);
    return EXIT.usage;
  }
  io.err(`socai keys: created ${created.id} "${created.name}" (${created.role}; areas ${created.areas.join(',')}); the key is shown this once\n`);
  io.out(`${created.key}\n`);
  return EXIT.ok;
}

/**
 * `keys list`: tab-separated, never a secret. A key in force scoped to an area abolished on
 * 2025-07-01 keeps its history but sees nothing after (issue 28): it is marked on standard error, so
 * that an admin re-scopes it while the listing itself stays the same for scripts.
 */
export function listKeysAction(io: KeysIo, today = todayUtc()): number {
  const rows = withKeys((keys) => keys.list());
  io.out('id\tname\trole\tareas\tcreatedAt\trevokedAt\n');
  for (const key of rows) io.out(`${key.id}\t${key.name}\t${key.role}\t${key.areas.join(',')}\t${key.createdAt}\t${key.revokedAt ?? '-'}\n`);
  const succession = loadAreaDirectory().succession;
  for (const key of rows.filter((row) => !row.revokedAt)) {
    for (const area of key.areas) {
      const { supersededBy, validTo } = succession.areaValidOn(area, today);
      if (supersededBy) io.err(`socai keys: ${key.id} "${key.name}" is scoped to ${area}, which ceased after ${validTo}: it sees nothing since; re-scope it (successor ${supersededBy})\n`);
    }
  }
  return EXIT.ok;
}

/** `keys revoke ID`: a running server refuses the key from its next request. */
export function revokeKeyAction(id: string, io: KeysIo): number {
  const revoked = withKeys((keys) => keys.revoke(id));
  if (!revoked) {
    io.err(`socai keys revoke: no key ${id}\n`);
    return EXIT.usage;
  }
  io.out(`revoked ${revoked.id} "${revoked.name}" at ${revoked.revokedAt}\n`);
  return EXIT.ok;
}
