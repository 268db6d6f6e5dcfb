import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, type NewEvent, type SigningKey } from '#event-store';

/** A fresh directory in os.tmpdir() and a way to remove it. */
export function tempDir(label: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `socai-audit-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function newEvent(eventId: string, type: string, data: unknown, recordedAt = '2025-03-01T08:00:00.000Z', schemaVersion = 1): NewEvent {
  return {
    eventId,
    type,
    data,
    metadata: {
      eventId, recordedAt, actor: 'key-test', role: 'clerk', source: 'import',
      correlationId: `corr-${eventId}`, causationId: `cause-${eventId}`, commandKey: `cmd-${eventId}`, schemaVersion,
    },
  };
}

/**
 * Appends events `from`..`to`-1 to a store file, spread round-robin over `streams` streams: event i goes to
 * employer-QT{i % streams} at revision floor(i / streams), as a "Noted" event with an amount string and a
 * Vietnamese name, so the canonical form meets non-ASCII text. Batches of 1,000 per commit.
 */
export function appendLog(file: string, from: number, to: number, streams = 5): void {
  const store = SqliteEventStore.open(file);
  try {
    for (let start = from; start < to; start += 1000) {
      const requests = [];
      for (let i = start; i < Math.min(to, start + 1000); i++) {
        const streamId = `employer-QT${String(i % streams).padStart(5, '0')}`;
        const revision = Math.floor(i / streams) - 1;
        const event = newEvent(`ev-${i}`, 'Noted', { seq: i, amount: String(1_000_000 + i), name: 'Công ty Đông Á' });
        requests.push({ streamId, expectedRevision: revision < 0 ? ('no_stream' as const) : revision, events: [event] });
      }
      store.appendManySync(requests);
    }
  } finally {
    store.closeSync();
  }
}

/** A new store file holding events 0..count-1 of the appendLog pattern. */
export function writeLog(file: string, count: number, streams = 5): void {
  appendLog(file, 0, count, streams);
}

/** Runs raw SQL on a closed store file, as someone with the file (and no key) could. */
export function tamper(file: string, edit: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    edit(db);
  } finally {
    db.close();
  }
}

/** An Ed25519 key that is not the node's: what a forger would sign with. */
export function otherKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string };
}
