import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  checkpointSignatureValid, Checkpointer, CheckpointStore, GENESIS_DIGEST, loadOrCreateSigningKey, nextDigest, openAuditDatabase,
  signCheckpoint, SqliteEventStore, SQLITE_EVENT_STORE_SCHEMA_VERSION, verifyEventLog,
} from '#event-store';
import { auditConfig, startCheckpointing } from '#runtime';
import { newEvent, tempDir, writeLog } from './audit-fixtures.js';

describe('signed checkpoints', () => {
  const temp = tempDir('checkpoints');
  afterAll(() => temp.remove());

  it('folds the running digest as documented: digest_n = SHA-256(digest_{n-1} + hash_n), from 64 zeros', () => {
    expect(GENESIS_DIGEST).toBe('0'.repeat(64));
    // sha256("0"*64 + "1"*64), computed independently with `printf %s … | sha256sum`.
    expect(nextDigest(GENESIS_DIGEST, '1'.repeat(64))).toBe('2c5a757af655400d3c30ba6f2aec54334006e4b784e2bcc79b99452abfc66ec9');
  });

  it('signs every N events, not before, and only when the log has grown', () => {
    const file = join(temp.dir, 'every-n.sqlite');
    writeLog(file, 250);
    const key = loadOrCreateSigningKey(join(temp.dir, 'key-n.pem'));
    const store = CheckpointStore.open(file);
    let now = Date.parse('2025-03-01T08:00:00.000Z');
    const checkpointer = new Checkpointer(store, key, { everyEvents: 100, everyMs: 60_000, now: () => new Date(now) });
    try {
      expect(checkpointer.tick()).toMatchObject({ position: 250, signedAt: '2025-03-01T08:00:00.000Z' });
      expect(checkpointer.tick()).toBeUndefined();
      appendNoted(file, 250, 320);
      expect(checkpointer.tick()).toBeUndefined(); // 70 new events, and no minute has passed
      now += 60_000;
      expect(checkpointer.tick()).toMatchObject({ position: 320, signedAt: '2025-03-01T08:01:00.000Z' });
      now += 600_000;
      expect(checkpointer.tick()).toBeUndefined(); // time passed, but nothing new to vouch for
      appendNoted(file, 320, 420);
      expect(checkpointer.tick()).toMatchObject({ position: 420 });
      const listed = store.list();
      expect(listed.map((checkpoint) => checkpoint.position)).toEqual([250, 320, 420]);
      expect(listed.every((checkpoint) => checkpointSignatureValid(checkpoint, key.publicKey))).toBe(true);
      expect(listed[2]!.digest).toBe(digestOf(file, 420));
      expect(store.list({ fromPosition: 300, limit: 1 }).map((checkpoint) => checkpoint.position)).toEqual([320]);
    } finally {
      store.close();
    }
  });

  it('resumes after a restart from the last checkpoint, folding only what came after it', () => {
    const file = join(temp.dir, 'restart.sqlite');
    writeLog(file, 120);
    const key = loadOrCreateSigningKey(join(temp.dir, 'key-restart.pem'));
    const first = CheckpointStore.open(file);
    new Checkpointer(first, key).checkpointNow();
    first.close();
    appendNoted(file, 120, 175);
    const second = CheckpointStore.open(file);
    try {
      const restarted = new Checkpointer(second, key);
      expect(restarted.state()).toEqual({ position: 120, digest: digestOf(file, 120) });
      expect(restarted.checkpointNow()).toMatchObject({ position: 175, digest: digestOf(file, 175) });
    } finally {
      second.close();
    }
  });

  it('catches up in slices once started, letting the event loop run between them, and signs what one full fold signs', async () => {
    const file = join(temp.dir, 'slices.sqlite');
    writeLog(file, 5000);
    const key = loadOrCreateSigningKey(join(temp.dir, 'key-slices.pem'));
    const signedAt = '2025-03-01T08:00:00.000Z';
    const store = CheckpointStore.open(file);
    const checkpointer = new Checkpointer(store, key, { sliceSize: 700, now: () => new Date(signedAt), onError: fail });
    try {
      checkpointer.start();
      // start() returns after one slice; each further slice waits for a turn of the event loop.
      const seen = [checkpointer.state().position];
      while (!store.latest()) {
        await new Promise((resolve) => setImmediate(resolve));
        seen.push(checkpointer.state().position);
      }
      expect(seen).toEqual([700, 1400, 2100, 2800, 3500, 4200, 4900, 5000]);
      // Ed25519 signs deterministically: the same digest and instant give the very same checkpoint.
      expect(store.list()).toEqual([signCheckpoint({ position: 5000, digest: digestOf(file, 5000), signedAt }, key.privateKey, key.publicKey)]);
    } finally {
      checkpointer.stop();
      store.close();
    }
  });

  it('once started on a signed log, folds only the events after its last checkpoint', async () => {
    const file = join(temp.dir, 'slices-resume.sqlite');
    writeLog(file, 3000);
    const key = loadOrCreateSigningKey(join(temp.dir, 'key-slices-resume.pem'));
    const first = CheckpointStore.open(file);
    new Checkpointer(first, key).checkpointNow();
    first.close();
    appendNoted(file, 3000, 4500);
    const signedAt = '2025-03-02T08:00:00.000Z';
    const store = CheckpointStore.open(file);
    const checkpointer = new Checkpointer(store, key, { sliceSize: 500, now: () => new Date(signedAt), onError: fail });
    try {
      checkpointer.start();
      expect(checkpointer.state().position).toBe(3500);
      while (store.latest()!.position === 3000) await new Promise((resolve) => setImmediate(resolve));
      expect(store.list().map((checkpoint) => checkpoint.position)).toEqual([3000, 4500]);
      expect(store.latest()).toEqual(signCheckpoint({ position: 4500, digest: digestOf(file, 4500), signedAt }, key.privateKey, key.publicKey));
    } finally {
      checkpointer.stop();
      store.close();
    }
  });

  it('never appends a checkpoint behind the last one or beyond the log', () => {
    const file = join(temp.dir, 'monotonic.sqlite');
    writeLog(file, 10);
    const key = loadOrCreateSigningKey(join(temp.dir, 'key-mono.pem'));
    const store = CheckpointStore.open(file);
    try {
      const checkpointer = new Checkpointer(store, key);
      const signed = checkpointer.checkpointNow()!;
      expect(store.append({ ...signed, position: 5 })).toBe(false);
      expect(store.append({ ...signed, position: 11 })).toBe(false);
      expect(store.count()).toBe(1);
    } finally {
      store.close();
    }
  });

  it('keeps the signing key in a 0600 PEM file, created once and reused; SOCAI_SIGNING_KEY moves it', () => {
    const dataDir = join(temp.dir, 'node');
    SqliteEventStore.open(join(dataDir, 'events.sqlite')).closeSync();
    const started = startCheckpointing({ dataDir }, {});
    started.stop();
    const file = join(dataDir, 'signing-key.pem');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSigningKey(file).publicKeyPem).toBe(loadOrCreateSigningKey(file).publicKeyPem);
    const moved = auditConfig({ dataDir }, { SOCAI_SIGNING_KEY: join(temp.dir, 'elsewhere.pem'), SOCAI_CHECKPOINT_EVERY_EVENTS: '50', SOCAI_CHECKPOINT_EVERY_MINUTES: '0.5' });
    expect(moved).toEqual({ eventStoreFile: join(dataDir, 'events.sqlite'), signingKeyFile: join(temp.dir, 'elsewhere.pem'), checkpointEveryEvents: 50, checkpointEveryMinutes: 0.5 });
    expect(() => auditConfig({ dataDir }, { SOCAI_CHECKPOINT_EVERY_EVENTS: '-3' })).toThrow('SOCAI_CHECKPOINT_EVERY_EVENTS=-3');
  });

  it('migrates a store file of schema version 1 (no checkpoints table): its events stay readable and verifiable', async () => {
    const file = join(temp.dir, 'old.sqlite');
    writeLog(file, 30);
    // Make it look like a file written before the migration: drop the table, set user_version back.
    const raw = new Database(file);
    raw.exec('DROP TABLE checkpoints; DROP TABLE state_snapshots');
    raw.pragma('user_version = 1');
    raw.close();
    const store = SqliteEventStore.open(file);
    expect(store.settings().schemaVersion).toBe(SQLITE_EVENT_STORE_SCHEMA_VERSION);
    expect(SQLITE_EVENT_STORE_SCHEMA_VERSION).toBe(3);
    expect((await store.readAll()).length).toBe(30);
    store.closeSync();
    const db = openAuditDatabase(file);
    try {
      expect(await verifyEventLog(db)).toEqual({ ok: true, eventsChecked: 30, checkpointsChecked: 0 });
    } finally {
      db.close();
    }
  });
});

function fail(error: unknown): never {
  throw error;
}

function appendNoted(file: string, from: number, to: number, streams = 5): void {
  const store = SqliteEventStore.open(file);
  try {
    const requests = [];
    for (let i = from; i < to; i++) {
      const streamId = `employer-QT${String(i % streams).padStart(5, '0')}`;
      requests.push({ streamId, expectedRevision: Math.floor(i / streams) - 1, events: [newEvent(`ev-${i}`, 'Noted', { seq: i })] });
    }
    store.appendManySync(requests);
  } finally {
    store.closeSync();
  }
}

/** The running digest recomputed from scratch, straight from the stored hashes. */
function digestOf(file: string, upTo: number): string {
  const db = new Database(file, { readonly: true });
  try {
    let digest = GENESIS_DIGEST;
    const rows = db.prepare("SELECT json_extract(metadata, '$.hash') AS hash FROM events WHERE position <= ? ORDER BY position").all(upTo) as { hash: string }[];
    for (const { hash } of rows) digest = nextDigest(digest, hash);
    return digest;
  } finally {
    db.close();
  }
}
