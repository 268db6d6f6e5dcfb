import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { writeGeneratedFile } from './support/generated-file.js';
import { auditEventStore, integrityCheck } from './support/ledger-audit.js';
import { LoadJournal, prng, runClients, setupCommands } from './support/load.js';
import { scaled, timeoutMs } from './support/soak.js';
import { socaiEnv, spawnSocai, startServer, waitUntil, type ServerProcess } from './support/socai-process.js';

/** The position of the first event the import recorded, once there is one (read beside the writers). */
function firstImportedPosition(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const db = new Database(file, { readonly: true });
  try {
    const row = db.prepare("SELECT min(position) AS position FROM events WHERE json_extract(metadata, '$.source') = 'import'").get() as { position: number | null };
    return row.position ?? undefined;
  } finally {
    db.close();
  }
}

/**
 * Two processes on one embedded store (issue 9, part 3): `socai serve` under HTTP load and
 * `socai import -` of a generated file fed on its standard input, at the same time. SQLite's write lock serialises their
 * commits; both must make progress (their events interleave in the log) and nothing may be lost.
 */
const seed = Number(process.env.SOCAI_RELIABILITY_SEED ?? Date.now() % 1_000_000_000);

describe(`two processes on one store: serve and import (seed ${seed})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'socai-two-processes-'));
  const work = mkdtempSync(join(tmpdir(), 'socai-two-processes-files-'));
  let server: ServerProcess | undefined;

  afterAll(async () => {
    await server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('lets both write, interleaved, and loses nothing', async () => {
    const file = writeGeneratedFile(join(work, 'province.ndjson'), { seed: 23, employers: scaled(100, 1000), persons: scaled(500, 6000), months: 24 });
    server = await startServer(dataDir);
    const journal = new LoadJournal();
    for (const command of setupCommands()) await journal.send(server.url, command);

    let release!: () => void;
    const stopClients = new Promise<void>((resolve) => (release = resolve));
    const load = runClients(server.url, journal, 16, [], prng(seed), stopClients);
    // The import reads its file from standard input, fed in two parts, so that the overlap is made,
    // not hoped for: the second part is written only once the store holds the first part's events
    // and an HTTP write has been acknowledged after them. Timing plays no part in what is asserted.
    const importer = spawnSocai(['import', '-'], socaiEnv(dataDir), { stdin: 'pipe' });
    const lines = file.text.slice(0, -1).split('\n');
    const cut = Math.floor(lines.length / 3); // several batches of 1,000 lines, so some commit before the pause
    importer.child.stdin!.write(lines.slice(0, cut).join('\n') + '\n');
    const firstImported = await waitUntil('the first imported events in the store', () => firstImportedPosition(join(dataDir, 'events.sqlite')));
    const acknowledgedAfter = () => [...journal.acknowledged.values()].filter((ack) => ack.position > firstImported).length;
    await waitUntil('an HTTP write acknowledged after the first imported events', () => (acknowledgedAfter() > 0 ? true : undefined));
    await new Promise<void>((resolve) => importer.child.stdin!.end(lines.slice(cut).join('\n') + '\n', resolve));
    const { code } = await importer.exited;
    release();
    await load;
    await server.stop();
    server = undefined;

    expect({ code, output: code === 0 ? '' : importer.tail() }).toEqual({ code: 0, output: '' });
    expect(importer.stdout()).toContain(`recorded ${file.lines}, duplicates 0, refused 0`);
    expect(journal.badAnswers).toEqual([]);
    expect(journal.inDoubt.size).toBe(0);

    expect(integrityCheck(join(dataDir, 'events.sqlite'))).toEqual(['ok']);
    const audit = auditEventStore(dataDir);
    expect(audit.problems).toEqual([]);
    const imported = audit.events.filter((e) => e.metadata.source === 'import');
    const served = audit.events.filter((e) => e.metadata.source === 'http');
    expect(imported.length).toBe(file.lines);
    expect(served.length).toBe(journal.acknowledged.size);
    for (const [key, ack] of journal.acknowledged) expect([key, audit.byCommandKey.get(key)?.map((e) => e.eventId)]).toEqual([key, [ack.eventId]]);
    // Both made progress at the same time: HTTP writes landed between the import's first and last
    // batch (at least the one awaited above, whose position lies after the first part's events).
    const first = imported[0]!.position;
    const last = imported[imported.length - 1]!.position;
    expect(first).toBe(firstImported);
    const servedDuringImport = served.filter((e) => e.position > first && e.position < last).length;
    console.log(`two processes (seed ${seed}): ${file.lines} imported, ${served.length} over HTTP, ${servedDuringImport} of them between the import's first and last event`);
    expect(servedDuringImport).toBeGreaterThanOrEqual(1);
  }, timeoutMs(120, 900));
});
