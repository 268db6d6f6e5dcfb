import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyStore } from '#runtime';
import { createKeyAction, listKeysAction, revokeKeyAction, type KeysIo } from './keys-actions.js';

/** `socai keys create|list|revoke` on SOCAI_DATA_DIR, their output captured. */
describe('socai keys', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'socai-keys-cli-'));
  const saved = { dir: process.env.SOCAI_DATA_DIR, admin: process.env.SOCAI_ADMIN_KEY };
  let out = '';
  let err = '';
  const io: KeysIo = { out: (text) => void (out += text), err: (text) => void (err += text) };
  beforeAll(() => {
    process.env.SOCAI_DATA_DIR = dataDir;
    process.env.SOCAI_ADMIN_KEY = 'cli-spec-admin-key';
  });
  beforeEach(() => {
    out = '';
    err = '';
  });
  afterAll(() => {
    if (saved.dir === undefined) delete process.env.SOCAI_DATA_DIR;
    else process.env.SOCAI_DATA_DIR = saved.dir;
    if (saved.admin === undefined) delete process.env.SOCAI_ADMIN_KEY;
    else process.env.SOCAI_ADMIN_KEY = saved.admin;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a key, printing only the key on stdout, once; lists it; revokes it', () => {
    expect(createKeyAction({ name: 'clerk-45', role: 'clerk', areas: '45, 465' }, io)).toBe(0);
    const key = out.trim();
    expect(key).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    const id = /created (key_[0-9a-f]{16}) "clerk-45" \(clerk; areas 45,465\)/.exec(err)?.[1] as string;
    expect(id).toBeDefined();
    const store = KeyStore.open({ dataDir }, { bootstrap: false });
    expect(store.authenticate(key)).toMatchObject({ id, name: 'clerk-45', role: 'clerk', areas: ['45', '465'] });
    store.close();

    out = '';
    expect(listKeysAction(io)).toBe(0);
    // The CLI does not bootstrap, so only the key it made is there, and never in clear.
    expect(out.split('\n')).toEqual(['id\tname\trole\tareas\tcreatedAt\trevokedAt', expect.stringMatching(new RegExp(`^${id}\tclerk-45\tclerk\t45,465\t\\S+\t-$`)), '']);
    expect(out).not.toContain(key);

    out = '';
    expect(revokeKeyAction(id, io)).toBe(0);
    expect(out).toMatch(new RegExp(`^revoked ${id} "clerk-45" at \\d{4}-`));
    const after = KeyStore.open({ dataDir }, { bootstrap: false });
    expect(after.authenticate(key)).toBeUndefined();
    after.close();
  });

  it('marks a key scoped to an area abolished on 2025-07-01 on standard error, with its successor (issue 28)', () => {
    expect(createKeyAction({ name: 'clerk-465', role: 'clerk', areas: '465,44' }, io)).toBe(0);
    const id = /created (key_[0-9a-f]{16}) "clerk-465"/.exec(err)?.[1] as string;
    err = '';
    out = '';
    expect(listKeysAction(io, '2026-03-01')).toBe(0);
    expect(out).toContain(`${id}\tclerk-465\tclerk\t465,44\t`);
    expect(err).toBe(`socai keys: ${id} "clerk-465" is scoped to 465, which ceased after 2025-06-30: it sees nothing since; re-scope it (successor 44)\n`);
    err = '';
    expect(listKeysAction(io, '2025-06-30')).toBe(0);
    expect(err).toBe('');
    expect(revokeKeyAction(id, io)).toBe(0);
  });

  it('exits 1 for a bad role or an unknown area, and for revoking an unknown key', () => {
    expect(createKeyAction({ name: 'x', role: 'root', areas: '999' }, io)).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('socai keys create: role must be one of admin, clerk, inspector, finance, auditor');
    expect(err).toContain('socai keys create: areas must be "*" or a province, district or commune code');
    expect(revokeKeyAction('key_nope', io)).toBe(1);
    expect(err).toContain('socai keys revoke: no key key_nope');
  });
});
