import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { writeGeneratedFile } from './support/generated-file.js';
import { call, waitForProjection } from './support/http.js';
import { auditEventStore, checkpointWal } from './support/ledger-audit.js';
import { LoadJournal, prng, runClients, setupCommands } from './support/load.js';
import { employersOf, readFigures, touchedAreas } from './support/read-model-compare.js';
import { timeoutMs } from './support/soak.js';
import { runSocai, socaiEnv, startServer, waitUntil, type ServerProcess } from './support/socai-process.js';

/**
 * `socai backup` while `socai serve` records commands from eight clients: the copy must be one instant
 * of the log (exactly its first `head` events and the checkpoints signed by then), verify on its own,
 * restore into a fresh directory, and after `socai rebuild` give every figure a clean replay of the same
 * prefix gives. A copy that does not verify is refused with exit 2 and nothing written.
 */
const seed = Number(process.env.SOCAI_RELIABILITY_SEED ?? Date.now() % 1_000_000_000);

type Row = [number, string, string, number, string, string, string];
const ROWS = 'SELECT position, event_id, stream_id, revision, type, data, metadata FROM events WHERE position <= ? ORDER BY position';

function readRows(file: string, head: number): { events: Row[]; checkpoints: unknown[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      events: db.prepare(ROWS).raw(true).all(head) as Row[],
      checkpoints: db.prepare('SELECT * FROM checkpoints ORDER BY position').all(),
    };
  } finally {
    db.close();
  }
}

function signedCheckpoints(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM checkpoints').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Rewrites the manifest's hash of events.sqlite, as someone covering a change to the copy would. */
function rehash(dir: string): void {
  const manifestFile = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const bytes = readFileSync(join(dir, 'events.sqlite'));
  const entry = manifest.files.find((f: { name: string }) => f.name === 'events.sqlite');
  entry.sha256 = createHash('sha256').update(bytes).digest('hex');
  entry.bytes = bytes.length;
  writeFileSync(manifestFile, JSON.stringify(manifest));
}

function edit(dir: string, sql: string): void {
  const db = new Database(join(dir, 'events.sqlite'));
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

describe(`backup under write load (seed ${seed})`, () => {
  const work = mkdtempSync(join(tmpdir(), 'socai-backup-'));
  const dataDir = join(work, 'data');
  const backupDir = join(work, 'backup');
  const restoredDir = join(work, 'restored');
  const referenceDir = join(work, 'reference');
  let server: ServerProcess | undefined;

  afterAll(async () => {
    await server?.kill();
    rmSync(work, { recursive: true, force: true });
  });

  it('copies one instant of a ledger being written, which restores, verifies and rebuilds to the same figures', async () => {
    const file = writeGeneratedFile(join(work, 'demo.ndjson'), { seed: 7, employers: 20, persons: 100, months: 12 });
    // Checkpoints every 50 events, so that some are signed while the backup runs.
    server = await startServer(dataDir, { SOCAI_CHECKPOINT_EVERY_EVENTS: '50' });
    const journal = new LoadJournal();
    for (const command of setupCommands()) await journal.send(server.url, command);
    expect((await call(server.url, 'POST', '/api/import', file.text, { timeoutMs: 120_000 })).body).toMatchObject({ refused: 0 });

    let release!: () => void;
    const stopClients = new Promise<void>((resolve) => (release = resolve));
    const load = runClients(server.url, journal, 8, [], prng(seed), stopClients);
    await until(() => journal.acknowledged.size >= 100);
    // Checkpoints are signed by the server's background thread, which a loaded machine may start late:
    // the copy is taken once one is signed, so that it has one to carry.
    await waitUntil('a checkpoint signed by the server', () => (signedCheckpoints(join(dataDir, 'events.sqlite')) > 0 ? true : undefined), 120_000);
    const backup = await runSocai(['backup', '--to', backupDir], socaiEnv(dataDir));
    const ackedAtBackup = journal.acknowledged.size;
    // Writes go on after the copy, so the live log ends beyond it.
    await until(() => journal.acknowledged.size >= ackedAtBackup + 100);
    release();
    await load;
    expect(backup.code).toBe(0);
    expect(journal.badAnswers).toEqual([]);
    await waitForProjection(server.url);
    await server.stop();
    server = undefined;

    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8'));
    expect(backup.output).toContain(`backed up ${manifest.head} events (${manifest.streams} streams`);
    expect(manifest.files.map((f: { name: string }) => f.name)).toEqual(['events.sqlite', 'access.sqlite', 'public-key.pem']);
    expect(readFileSync(join(backupDir, 'public-key.pem'), 'utf8')).toBe((await runSocai(['public-key'], socaiEnv(dataDir))).output);
    expect(existsSync(join(backupDir, 'signing-key.pem'))).toBe(false);

    // One instant: exactly the first `head` events of the live log, and the checkpoints signed by then.
    const live = auditEventStore(dataDir);
    expect(live.problems).toEqual([]);
    expect(live.events.length).toBeGreaterThan(manifest.head);
    const original = readRows(join(dataDir, 'events.sqlite'), manifest.head);
    const copied = readRows(join(backupDir, 'events.sqlite'), manifest.head);
    expect(copied.events.length).toBe(manifest.head);
    expect(copied.events).toEqual(original.events);
    expect(copied.checkpoints.length).toBeGreaterThan(0);
    expect(copied.checkpoints).toEqual(original.checkpoints.slice(0, copied.checkpoints.length));
    expect(manifest.lastCheckpoint).toEqual(expect.objectContaining({ position: (copied.checkpoints.at(-1) as { position: number }).position }));
    expect(manifest.headHash).toBe(JSON.parse(copied.events.at(-1)![6]).hash);

    const checks = copied.checkpoints.length;
    expect(await runSocai(['verify', '--data-dir', backupDir], socaiEnv(work))).toEqual({ code: 0, output: expect.stringContaining(`intact: ${manifest.head} events and ${checks} signed checkpoints`) });

    const restored = await runSocai(['restore', '--from', backupDir, '--data-dir', restoredDir, '--signing-key', join(dataDir, 'signing-key.pem')], socaiEnv(work));
    expect(restored).toEqual({ code: 0, output: expect.stringContaining(`restored ${manifest.head} events and ${checks} signed checkpoints (verified)`) });
    expect(await runSocai(['verify'], socaiEnv(restoredDir))).toEqual({ code: 0, output: expect.stringContaining(`intact: ${manifest.head} events and ${checks} signed checkpoints`) });
    expect((await runSocai(['rebuild'], socaiEnv(restoredDir))).code).toBe(0);

    // The reference: the live log cut at the same position by hand, rebuilt alone.
    const source = join(dataDir, 'events.sqlite');
    checkpointWal(source);
    cpSync(dataDir, referenceDir, { recursive: true, filter: (path) => !path.endsWith('read-models.sqlite') });
    edit(referenceDir, `DELETE FROM command_keys WHERE position > ${manifest.head}; DELETE FROM checkpoints WHERE position > ${manifest.head}; DELETE FROM events WHERE position > ${manifest.head};`);
    expect((await runSocai(['rebuild'], socaiEnv(referenceDir))).code).toBe(0);

    const prefix = live.events.slice(0, manifest.head);
    const areas = touchedAreas(prefix);
    const employers = employersOf(prefix);
    const window = { from: '2015-01-01', to: '2025-06-30' };
    const asOfs = ['2024-04-30', '2025-06-30'];
    const fromBackup = await readFigures(restoredDir, areas, employers, window, asOfs);
    const reference = await readFigures(referenceDir, areas, employers, window, asOfs);
    expect(fromBackup.checkpoint).toBe(manifest.head);
    expect(reference.checkpoint).toBe(manifest.head);
    expect(Object.keys(fromBackup.areaTotals).length).toBe(Object.keys(reference.areaTotals).length);
    for (const key of Object.keys(reference.areaTotals)) expect({ [key]: fromBackup.areaTotals[key] }).toEqual({ [key]: reference.areaTotals[key] });
    for (const key of Object.keys(reference.arrears)) expect({ [key]: fromBackup.arrears[key] }).toEqual({ [key]: reference.arrears[key] });
  }, timeoutMs(180, 600));

  it('refuses, with exit 2 and nothing written, a copy that does not verify', async () => {
    const cases: [string, (dir: string) => void, string][] = [
      ['without its manifest', (dir) => rmSync(join(dir, 'manifest.json')), 'has no manifest.json'],
      ['changed after it was written', (dir) => edit(dir, "UPDATE events SET data = replace(data, '\"', '\"') || ' ' WHERE position = 7"), 'events.sqlite is not the file the backup wrote'],
      ['with an event changed and the manifest rehashed', (dir) => {
        edit(dir, "UPDATE events SET data = replace(data, '0', '1') WHERE position = 7");
        rehash(dir);
      }, 'position 7'],
      ['cut short and rehashed', (dir) => {
        edit(dir, 'DELETE FROM command_keys WHERE position = (SELECT max(position) FROM events); DELETE FROM events WHERE position = (SELECT max(position) FROM events)');
        rehash(dir);
      }, 'the log ends at position'],
    ];
    for (const [name, spoil, reason] of cases) {
      const copy = join(work, `spoiled-${cases.findIndex(([n]) => n === name)}`);
      cpSync(backupDir, copy, { recursive: true });
      spoil(copy);
      const target = join(work, `target-${name.replace(/\W+/g, '-')}`);
      // Without its manifest the directory is an ordinary ledger to `verify` (an intact one); only restore needs the manifest.
      if (name !== 'without its manifest') {
        const verified = await runSocai(['verify', '--data-dir', copy], socaiEnv(work));
        expect({ name, code: verified.code, reason: verified.output.includes(reason) ? reason : verified.output }).toEqual({ name, code: 2, reason });
      }
      const restored = await runSocai(['restore', '--from', copy, '--data-dir', target], socaiEnv(work));
      expect({ name, code: restored.code, reason: restored.output.includes(reason) ? reason : restored.output }).toEqual({ name, code: 2, reason });
      expect({ name, written: existsSync(join(target, 'events.sqlite')) }).toEqual({ name, written: false });
    }
    // A directory that already holds a ledger is never overwritten: a usage error.
    const overwrite = await runSocai(['restore', '--from', backupDir, '--data-dir', restoredDir], socaiEnv(work));
    expect({ code: overwrite.code, output: overwrite.output.includes('already holds a ledger') }).toEqual({ code: 1, output: true });
  }, timeoutMs(60, 120));
});
