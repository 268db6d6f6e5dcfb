import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyStore } from './key-store.js';

/**
 * The server remembers the keys it found; these specs hold it to the rule it had when it looked every
 * key up: a key revoked anywhere — this connection, another connection, another process — is refused
 * by the very next request, and a key created anywhere is accepted by it.
 */
describe('KeyStore remembering keys (real SQLite, two connections and two processes)', () => {
  let dataDir: string;
  const opened: KeyStore[] = [];
  const server = () => {
    const store = KeyStore.open({ dataDir, adminKey: 'env-admin-key' }, { announce: () => undefined });
    opened.push(store);
    return store;
  };
  /** What `socai keys …` opens: the same file, its own connection, no bootstrap. */
  const operator = () => {
    const store = KeyStore.open({ dataDir }, { bootstrap: false });
    opened.push(store);
    return store;
  };
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'socai-known-keys-'));
  });
  afterEach(() => {
    opened.splice(0).forEach((store) => store.close());
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a remembered key as the file does, and refuses it once this store revokes it', () => {
    const store = server();
    const clerk = store.create({ name: 'clerk-954', role: 'clerk', areas: ['954'] });
    const first = store.authenticate(clerk.key);
    expect(first).toEqual({ id: clerk.id, name: 'clerk-954', role: 'clerk', areas: ['954'], createdAt: clerk.createdAt, revokedAt: null });
    expect(store.authenticate(clerk.key)).toEqual(first);
    store.revoke(clerk.id);
    expect(store.authenticate(clerk.key)).toBeUndefined();
    expect(store.authenticate('env-admin-key')).toMatchObject({ name: 'admin', role: 'admin', areas: ['*'] });
  });

  it('refuses a remembered key at once when another connection revokes it, and accepts a key another connection creates', () => {
    const store = server();
    const other = operator();
    const clerk = other.create({ name: 'clerk-954', role: 'clerk', areas: ['954'] }, 'cli');
    expect(store.authenticate(clerk.key)?.name).toBe('clerk-954');
    expect(store.authenticate('env-admin-key')?.name).toBe('admin');

    other.revoke(clerk.id);
    expect(store.authenticate(clerk.key)).toBeUndefined();
    expect(store.authenticate('env-admin-key')?.name).toBe('admin');

    const auditor = other.create({ name: 'auditor', role: 'auditor', areas: ['*'] }, 'cli');
    expect(store.authenticate(auditor.key)).toMatchObject({ id: auditor.id, role: 'auditor', areas: ['*'] });
  });

  it('refuses a remembered key at once when another process revokes it', () => {
    const store = server();
    const clerk = store.create({ name: 'clerk-954', role: 'clerk', areas: ['954'] });
    expect(store.authenticate(clerk.key)?.name).toBe('clerk-954');
    // Another process writes the file as `socai keys revoke` does: its own connection, its own commit.
    const revokeElsewhere = `
      const Database = require('better-sqlite3');
      const db = new Database(process.argv[1]);
      db.pragma('busy_timeout = 5000');
      db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ?').run('2026-01-02T03:04:05.000Z', process.argv[2]);
      db.close();`;
    execFileSync(process.execPath, ['-e', revokeElsewhere, join(dataDir, 'access.sqlite'), clerk.id]);
    expect(store.authenticate(clerk.key)).toBeUndefined();
    expect(store.find(clerk.id)?.revokedAt).toBe('2026-01-02T03:04:05.000Z');
  });

  it('never lets a caller change a remembered key for the requests after it', () => {
    const store = server();
    const key = store.authenticate('env-admin-key');
    expect(() => key?.areas.push('954')).toThrow(TypeError);
    expect(store.authenticate('env-admin-key')?.areas).toEqual(['*']);
  });
});
