import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { SqliteLedgerProbe } from './ledger-probe.js';

describe('SqliteLedgerProbe', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'socai-probe-'));
    file = join(dir, 'events.sqlite');
    await SqliteEventStore.open(file).close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a store it can write, with no checkpoint yet, and leaves its header as it was', () => {
    const probe = SqliteLedgerProbe.open(file);
    try {
      const before = new Database(file, { readonly: true });
      const version = before.pragma('user_version', { simple: true });
      expect(probe.writable()).toEqual({ ok: true });
      expect(before.pragma('user_version', { simple: true })).toBe(version);
      before.close();
      expect(probe.latestCheckpoint()).toBeUndefined();
    } finally {
      probe.close();
    }
  });

  it('reports a connection SQLite could only open read-only as not writable', () => {
    const probe = new SqliteLedgerProbe(new Database(file, { readonly: true }));
    try {
      expect(probe.writable()).toEqual({ ok: false, reason: 'SQLITE_READONLY: attempt to write a readonly database' });
    } finally {
      probe.close();
    }
  });
});
