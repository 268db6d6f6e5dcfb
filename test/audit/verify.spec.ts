import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  Checkpointer, CheckpointStore, loadOrCreateSigningKey, openAuditDatabase, signCheckpoint, verifyEventLog,
  type SigningKey, type VerifyReport,
} from '#event-store';
import type { KeyObject } from 'node:crypto';
import Database from 'better-sqlite3';
import { computeEventHash, GENESIS_DIGEST, nextDigest } from '#event-store';
import { appendLog, otherKey, tamper, tempDir, writeLog } from './audit-fixtures.js';

/**
 * Tamper evidence against a real store file: each case edits the closed file with plain SQL, as anyone
 * holding the file could, and `verifyEventLog` must name the first bad position and its stream.
 * Streams are filled round-robin over 5 streams, so the event at position p is revision
 * floor((p-1)/5) of employer-QT0000{(p-1) % 5}.
 *
 * Every case is verified in one pass and in slices (2, 3 and 7 of them, so slice edges fall next to a
 * checkpoint, away from one, and both): on this thread from the source, and in real worker threads
 * through the compiled dist/ (a thread cannot load the TypeScript). All must give the same report.
 */
describe('verifyEventLog on a real SQLite store', () => {
  const temp = tempDir('verify');
  let key: SigningKey;
  let count = 0;
  afterAll(() => temp.remove());

  beforeAll(() => {
    key = loadOrCreateSigningKey(join(temp.dir, 'signing-key.pem'));
  });

  /** A log of 1,000 events with checkpoints at 300, 600 and 900, then `edit` applied to the closed file. */
  async function verifyAfter(edit?: (db: Database.Database) => void, options: { withoutKey?: boolean } = {}): Promise<VerifyReport> {
    const file = join(temp.dir, `events-${++count}.sqlite`);
    writeLog(file, 300);
    const checkpoints = CheckpointStore.open(file);
    const checkpointer = new Checkpointer(checkpoints, key, { everyEvents: 1 });
    checkpointer.checkpointNow();
    checkpoints.close();
    appendLog(file, 300, 600);
    withCheckpointer(file, key);
    appendLog(file, 600, 900);
    withCheckpointer(file, key);
    appendLog(file, 900, 1000);
    if (edit) tamper(file, edit);
    return verifyEveryWay(file, options.withoutKey ? undefined : key.publicKey);
  }

  it('passes an intact log: every event and every checkpoint checked', async () => {
    expect(await verifyAfter()).toEqual({ ok: true, eventsChecked: 1000, checkpointsChecked: 3 });
  });

  it('finds an edited byte in the data of event 457', async () => {
    const report = await verifyAfter((db) => {
      db.prepare("UPDATE events SET data = replace(data, '1000456', '1000457') WHERE position = 457").run();
    });
    expect(report).toMatchObject({ ok: false, firstBadPosition: 457, streamId: 'employer-QT00001', eventsChecked: 457, checkpointsChecked: 1 });
    expect(report.reason).toContain('does not match its hash');
  });

  it('finds an edit whose forger also rewrote the event hash: the next event of the stream no longer links to it', async () => {
    const report = await verifyAfter((db) => {
      // Re-hash event 457 with the edited data, as a forger without the signing key can; its successor
      // in employer-QT00001 (revision 92, position 462) still names the old hash.
      const { rehash } = rehasher(db);
      db.prepare("UPDATE events SET data = replace(data, '1000456', '1000999') WHERE position = 457").run();
      rehash(457);
    });
    expect(report).toMatchObject({ ok: false, firstBadPosition: 462, streamId: 'employer-QT00001' });
    expect(report.reason).toContain('prevHash is not the hash of revision 91 of employer-QT00001');
  });

  it('finds a deleted event: the missing position and the stream it belonged to', async () => {
    const report = await verifyAfter((db) => db.prepare('DELETE FROM events WHERE position = 123').run());
    expect(report).toMatchObject({ ok: false, firstBadPosition: 123, streamId: 'employer-QT00002' });
    expect(report.reason).toBe('the event at position 123 is missing');
  });

  it('finds the last event of the log deleted (and nothing else touched) through the stream table', async () => {
    const report = await verifyAfter((db) => db.prepare('DELETE FROM events WHERE position = 1000').run());
    expect(report).toMatchObject({ ok: false, firstBadPosition: 1000, streamId: 'employer-QT00004', eventsChecked: 999, checkpointsChecked: 3 });
  });

  it('finds two events of one stream swapped', async () => {
    const report = await verifyAfter((db) => swap(db, 702, 707));
    expect(report).toMatchObject({ ok: false, firstBadPosition: 702, streamId: 'employer-QT00001' });
    expect(report.reason).toContain('revision 141 where 140 was expected');
  });

  it('finds two events of different streams swapped, which only the signed digest can show', async () => {
    const report = await verifyAfter((db) => swap(db, 401, 402));
    expect(report).toMatchObject({ ok: false, firstBadPosition: 600, checkpointsChecked: 2 });
    expect(report.streamId).toBeUndefined();
    expect(report.reason).toContain('after position 300 and up to 600 was changed, removed or reordered');
  });

  it('finds a checkpoint whose digest was changed', async () => {
    const report = await verifyAfter((db) => db.prepare("UPDATE checkpoints SET digest = replace(digest, substr(digest, 1, 1), 'f') WHERE position = 600").run());
    expect(report).toMatchObject({ ok: false, firstBadPosition: 600, checkpointsChecked: 2 });
    expect(report.reason).toContain('signature does not verify');
  });

  it('finds a checkpoint whose signature was changed', async () => {
    const report = await verifyAfter((db) => {
      const { signature } = db.prepare('SELECT signature FROM checkpoints WHERE position = 900').get() as { signature: string };
      const bytes = Buffer.from(signature, 'base64');
      bytes[10]! ^= 1;
      db.prepare('UPDATE checkpoints SET signature = ? WHERE position = 900').run(bytes.toString('base64'));
    });
    expect(report).toMatchObject({ ok: false, firstBadPosition: 900, checkpointsChecked: 3 });
  });

  it('finds a tampered log re-checkpointed with another key', async () => {
    const forger = otherKey();
    const report = await verifyAfter((db) => {
      db.prepare('DELETE FROM checkpoints').run();
      db.prepare("UPDATE events SET data = replace(data, '1000456', '1000457') WHERE position = 457").run();
      rehasher(db).rehash(457);
      // The forger signs a fresh, self-consistent checkpoint over the tampered log at 1000.
      const digest = digestOf(db, 1000);
      const forged = signCheckpoint({ position: 1000, digest, signedAt: '2025-03-02T00:00:00.000Z' }, forger.privateKey, forger.publicKey);
      new CheckpointStore(db).append(forged);
    });
    expect(report.ok).toBe(false);
    // The chain of employer-QT00001 breaks at its next event before the forged checkpoint is reached.
    expect(report.firstBadPosition).toBe(462);
  });

  it('refuses a checkpoint signed with another key even over an intact log', async () => {
    const forger = otherKey();
    const report = await verifyAfter((db) => {
      const digest = digestOf(db, 1000);
      new CheckpointStore(db).append(signCheckpoint({ position: 1000, digest, signedAt: '2025-03-02T00:00:00.000Z' }, forger.privateKey, forger.publicKey));
    });
    expect(report).toMatchObject({ ok: false, firstBadPosition: 1000, checkpointsChecked: 4 });
    expect(report.reason).toContain('does not verify with the public key');
  });

  it('finds events removed from the end together with their stream-table entries, past a checkpoint', async () => {
    const report = await verifyAfter((db) => {
      db.prepare('DELETE FROM events WHERE position > 850').run();
      fixStreamTable(db);
    });
    expect(report).toMatchObject({ ok: false, firstBadPosition: 900, eventsChecked: 850, checkpointsChecked: 2 });
    expect(report.reason).toContain('beyond the last event (850)');
  });

  it('cannot vouch for checkpoints without a public key', async () => {
    const report = await verifyAfter(undefined, { withoutKey: true });
    expect(report).toMatchObject({ ok: false, firstBadPosition: 300 });
  });

  it('finds an edited byte in the metadata of an event after the last checkpoint', async () => {
    // Past position 900 no signed digest covers the log: the event hashes and chains alone must show it.
    const report = await verifyAfter((db) => {
      db.prepare(`UPDATE events SET metadata = replace(metadata, '"actor":"', '"actor":"x') WHERE position = 950`).run();
    });
    expect(report).toMatchObject({ ok: false, firstBadPosition: 950, streamId: 'employer-QT00004', eventsChecked: 950, checkpointsChecked: 3 });
    expect(report.reason).toContain('does not match its hash');
  });

  it('refuses a prevHash that only begins with the previous hash, even re-hashed by a forger', async () => {
    const report = await verifyAfter((db) => {
      db.prepare(`UPDATE events SET metadata = replace(metadata, '","recordedAt"', 'a","recordedAt"') WHERE position = 462`).run();
      rehasher(db).rehash(462);
    });
    expect(report).toMatchObject({ ok: false, firstBadPosition: 462, streamId: 'employer-QT00001' });
    expect(report.reason).toContain('prevHash is not the hash of revision 91 of employer-QT00001');
  });

  it('finds an edited byte in each field the hash covers', async () => {
    const edits = [
      "UPDATE events SET event_id = event_id || 'x' WHERE position = 333",
      "UPDATE events SET type = type || 'x' WHERE position = 333",
      'UPDATE events SET revision = revision + 1000 WHERE position = 333',
      `UPDATE events SET metadata = replace(metadata, '"schemaVersion":1', '"schemaVersion":2') WHERE position = 333`,
    ];
    for (const edit of edits) {
      const report = await verifyAfter((db) => db.prepare(edit).run());
      expect(report).toMatchObject({ ok: false, firstBadPosition: 333, streamId: 'employer-QT00002' });
      expect(report.reason).toContain('does not match its hash');
    }
  });

  it('reports an edited revision that is no whole number from 0 as a finding, not an error', async () => {
    const edits = ['UPDATE events SET revision = -1 WHERE position = 333', 'UPDATE events SET revision = 1.5 WHERE position = 333', "UPDATE events SET revision = 'x' WHERE position = 333"];
    for (const edit of edits) {
      const report = await verifyAfter((db) => db.prepare(edit).run());
      expect(report).toMatchObject({ ok: false, firstBadPosition: 333, streamId: 'employer-QT00002' });
      expect(report.reason).toMatch(/^event \S+ \(employer-QT00002 revision (-1|1\.5|x)\): its revision (-1|1\.5|x) is not a whole number from 0 \(edited after it was recorded\)$/);
    }
  });

  // With 2 slices the edge lies at 500/501, away from any checkpoint: the second slice's lead is folded by
  // the caller, and its first events link to the first slice's tips there.
  it('finds a forged link across a slice edge: the re-hashed event is the last of its stream in the first slice', async () => {
    const report = await verifyAfter((db) => {
      db.prepare("UPDATE events SET data = replace(data, '1000497', '1000999') WHERE position = 498").run();
      rehasher(db).rehash(498);
    });
    expect(report).toMatchObject({ ok: false, firstBadPosition: 503, streamId: 'employer-QT00002' });
    expect(report.reason).toContain('prevHash is not the hash of revision 99 of employer-QT00002');
  });

  it('refuses a prevHash one character too long on the first event of a slice, even re-hashed by a forger', async () => {
    const report = await verifyAfter((db) => {
      db.prepare(`UPDATE events SET metadata = replace(metadata, '","recordedAt"', 'a","recordedAt"') WHERE position = 501`).run();
      rehasher(db).rehash(501);
    });
    expect(report).toMatchObject({ ok: false, firstBadPosition: 501, streamId: 'employer-QT00000' });
    expect(report.reason).toBe('event ev-500: prevHash is not the hash of revision 99 of employer-QT00000');
  });

  it('finds the first event of a slice deleted', async () => {
    const report = await verifyAfter((db) => db.prepare('DELETE FROM events WHERE position = 501').run());
    expect(report).toMatchObject({ ok: false, firstBadPosition: 501, streamId: 'employer-QT00000' });
    expect(report.reason).toBe('the event at position 501 is missing');
  });

  it('finds two events of different streams swapped across a slice edge, which only the signed digest can show', async () => {
    const report = await verifyAfter((db) => swap(db, 500, 501));
    expect(report).toMatchObject({ ok: false, firstBadPosition: 600, checkpointsChecked: 2 });
    expect(report.reason).toContain('after position 300 and up to 600 was changed, removed or reordered');
  });

  it('finds a checkpoint signed with the right key over a wrong digest', async () => {
    const report = await verifyAfter((db) => {
      db.prepare('DELETE FROM checkpoints WHERE position = 900').run();
      const wrong = signCheckpoint({ position: 900, digest: digestOf(db, 899), signedAt: '2025-03-02T00:00:00.000Z' }, key.privateKey, key.publicKey);
      db.prepare('INSERT INTO checkpoints (position, digest, signed_at, signature, key_id) VALUES (?, ?, ?, ?, ?)')
        .run(wrong.position, wrong.digest, wrong.signedAt, wrong.signature, wrong.keyId);
    });
    expect(report).toMatchObject({ ok: false, firstBadPosition: 900, checkpointsChecked: 3 });
    expect(report.reason).toContain('after position 600 and up to 900 was changed, removed or reordered');
  });

  it('accepts stored JSON that is not byte-canonical but holds the same values', async () => {
    const report = await verifyAfter((db) => {
      db.prepare(`UPDATE events SET data = replace(data, '"seq":', '"seq" :  ') WHERE position = 10`).run();
    });
    expect(report).toEqual({ ok: true, eventsChecked: 1000, checkpointsChecked: 3 });
  });
});

/** The DIST verifier: its worker threads run the compiled worker script, as `socai verify` does. */
const DIST_VERIFIER = join(process.cwd(), 'dist', 'libs', 'event-store', 'src', 'sqlite', 'audit', 'log-verifier.js');

/** The one-pass report, after checking that every sliced way (threads or not) gives the same. */
async function verifyEveryWay(file: string, publicKey: KeyObject | undefined): Promise<VerifyReport> {
  if (!existsSync(DIST_VERIFIER)) throw new Error(`${DIST_VERIFIER} is missing: run npm run build (npm test does)`);
  const dist = (await import(DIST_VERIFIER)) as { verifyEventLog: typeof verifyEventLog };
  const db = openAuditDatabase(file);
  try {
    const onePass = await verifyEventLog(db, { publicKey, workers: 0 });
    for (const workers of [2, 3, 7]) {
      const sliced = { publicKey, workers, minEventsForWorkers: 0 };
      expect({ workers, inThisThread: await verifyEventLog(db, sliced) }).toEqual({ workers, inThisThread: onePass });
      expect({ workers, inWorkerThreads: await dist.verifyEventLog(db, sliced) }).toEqual({ workers, inWorkerThreads: onePass });
    }
    return onePass;
  } finally {
    db.close();
  }
}

function withCheckpointer(file: string, key: SigningKey): void {
  const checkpoints = CheckpointStore.open(file);
  new Checkpointer(checkpoints, key).checkpointNow();
  checkpoints.close();
}

function swap(db: Database.Database, a: number, b: number): void {
  db.prepare('UPDATE events SET position = ? WHERE position = ?').run(-a, a);
  db.prepare('UPDATE events SET position = ? WHERE position = ?').run(a, b);
  db.prepare('UPDATE events SET position = ? WHERE position = ?').run(b, -a);
}

/** Recomputes the stored hash of one event from its (edited) content, keeping the stream table in step. */
function rehasher(db: Database.Database) {
  return {
    rehash(position: number) {
      const row = db.prepare('SELECT * FROM events WHERE position = ?').get(position) as Record<string, any>;
      const metadata = JSON.parse(row.metadata);
      const event = { eventId: row.event_id, type: row.type, streamId: row.stream_id, revision: row.revision, data: JSON.parse(row.data), metadata };
      metadata.hash = computeEventHash(event);
      db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(JSON.stringify(metadata), position);
    },
  };
}

function digestOf(db: Database.Database, upTo: number): string {
  let digest = GENESIS_DIGEST;
  for (const row of db.prepare('SELECT metadata FROM events WHERE position <= ? ORDER BY position').iterate(upTo) as Iterable<{ metadata: string }>) {
    digest = nextDigest(digest, JSON.parse(row.metadata).hash);
  }
  return digest;
}

function fixStreamTable(db: Database.Database): void {
  db.exec(`DELETE FROM streams; INSERT INTO streams (stream_id, revision, last_hash)
    SELECT stream_id, max(revision), (SELECT json_extract(metadata, '$.hash') FROM events e2 WHERE e2.stream_id = e.stream_id ORDER BY revision DESC LIMIT 1)
    FROM events e GROUP BY stream_id`);
}
