import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashKey } from './api-key.js';
import { KeyStore } from './key-store.js';

describe('KeyStore', () => {
  let dataDir: string;
  const opened: KeyStore[] = [];
  const open = (adminKey?: string, announced: string[] = []) => {
    const store = KeyStore.open({ dataDir, adminKey }, { announce: (line) => announced.push(line) });
    opened.push(store);
    return store;
  };
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'socai-keys-'));
  });
  afterEach(() => {
    opened.splice(0).forEach((store) => store.close());
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Every byte the store wrote, WAL included, to look for secrets. */
  const storedBytes = () => readdirSync(dataDir).map((file) => readFileSync(join(dataDir, file)).toString('latin1')).join('');

  it('creates sk_ keys of 32 random bytes, stores only their SHA-256, and authenticates them until revoked', () => {
    const store = open('env-admin-key');
    const created = store.create({ name: 'clerk-954', role: 'clerk', areas: ['954'] });
    expect(created.key).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'clerk-954', role: 'clerk', areas: ['954'], revokedAt: null, id: expect.stringMatching(/^key_[0-9a-f]{16}$/) });
    store.close();
    expect(storedBytes()).not.toContain(created.key);
    expect(storedBytes()).toContain(hashKey(created.key));

    const reopened = open('env-admin-key');
    expect(reopened.authenticate(created.key)).toMatchObject({ id: created.id, name: 'clerk-954', role: 'clerk', areas: ['954'] });
    expect(reopened.authenticate(created.key + 'x')).toBeUndefined();
    const revoked = reopened.revoke(created.id, new Date('2026-01-02T03:04:05Z'));
    expect(revoked?.revokedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(reopened.revoke(created.id)?.revokedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(reopened.authenticate(created.key)).toBeUndefined();
    expect(reopened.revoke('key_unknown')).toBeUndefined();
  });

  it('keeps SOCAI_ADMIN_KEY as one admin key for every area across restarts, hashed', () => {
    const announced: string[] = [];
    open('env-admin-key', announced).close();
    const store = open('env-admin-key', announced);
    expect(store.list()).toEqual([expect.objectContaining({ name: 'admin', role: 'admin', areas: ['*'], revokedAt: null })]);
    expect(store.authenticate('env-admin-key')?.role).toBe('admin');
    expect(announced).toEqual([]);
    expect(storedBytes()).not.toContain('env-admin-key');
  });

  it('revokes the previous environment key when SOCAI_ADMIN_KEY changes, and keeps a revoked one revoked', () => {
    open('first-admin-key').close();
    const second = open('second-admin-key');
    expect(second.authenticate('first-admin-key')).toBeUndefined();
    expect(second.authenticate('second-admin-key')?.name).toBe('admin');
    second.close();
    const back = open('first-admin-key');
    expect(back.authenticate('first-admin-key')).toBeUndefined();
    expect(back.list()).toHaveLength(2);
  });

  it('generates an admin key when none is set and none exists, announcing it exactly once', () => {
    const announced: string[] = [];
    const store = open(undefined, announced);
    expect(announced).toHaveLength(1);
    const [, key] = /^socai: generated admin API key \(shown once\): (sk_[A-Za-z0-9_-]{43})$/.exec(announced[0]) ?? [];
    expect(store.authenticate(key)).toMatchObject({ name: 'admin', role: 'admin', areas: ['*'] });
    store.close();
    open(undefined, announced);
    expect(announced).toHaveLength(1);
    expect(storedBytes()).not.toContain(key);
  });

  it('does not bootstrap when asked not to (the CLI)', () => {
    const announced: string[] = [];
    const store = KeyStore.open({ dataDir, adminKey: 'env-admin-key' }, { bootstrap: false, announce: (line) => announced.push(line) });
    opened.push(store);
    expect(store.list()).toEqual([]);
    expect(announced).toEqual([]);
  });
});
