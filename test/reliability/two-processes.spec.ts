import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGeneratedFile } from './support/generated-file.js';
import { auditEventStore, integrityCheck } from './support/ledger-audit.js';
import { LoadJournal, prng, runClients, setupCommands } from './support/load.js';
import { scaled, timeoutMs } from './support/soak.js';
import { socaiEnv, spawnSocai, startServer, type ServerProcess } from './support/socai-process.js';

/**
 * Two processes on one embedded store (issue 9, part 3): `socai serve` under HTTP load and
 * `socai import FILE` of a generated file, at the same time. SQLite's write lock serialises their
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
    const importer = spawnSocai(['import', file.path], socaiEnv(dataDir));
    const acknowledgedBefore = journal.acknowledged.size;
    const { code } = await importer.exited;
    const acknowledgedDuring = journal.acknowledged.size - acknowledgedBefore;
    release();
    await load;
    await server.stop();
    server = undefined;

    expect({ code, output: code === 0 ? '' : importer.tail() }).toEqual({ code: 0, output: '' });
    expect(importer.stdout()).toContain(`recorded ${file.lines}, duplicates 0, refused 0`);
    expect(journal.badAnswers).toEqual([]);
    expect(journal.inDoubt.size).toBe(0);
    expect(acknowledgedDuring).toBeGreaterThan(0);

    expect(integrityCheck(join(dataDir, 'events.sqlite'))).toEqual(['ok']);
    const audit = auditEventStore(dataDir);
    expect(audit.problems).toEqual([]);
    const imported = audit.events.filter((e) => e.metadata.source === 'import');
    const served = audit.events.filter((e) => e.metadata.source === 'http');
    expect(imported.length).toBe(file.lines);
    expect(served.length).toBe(journal.acknowledged.size);
    for (const [key, ack] of journal.acknowledged) expect([key, audit.byCommandKey.get(key)?.map((e) => e.eventId)]).toEqual([key, [ack.eventId]]);
    // Both made progress at the same time: HTTP writes landed between the import's first and last batch.
    const first = imported[0]!.position;
    const last = imported[imported.length - 1]!.position;
    const servedDuringImport = served.filter((e) => e.position > first && e.position < last).length;
    console.log(`two processes (seed ${seed}): ${file.lines} imported, ${served.length} over HTTP, ${servedDuringImport} of them between the import's first and last event`);
    expect(servedDuringImport).toBeGreaterThan(0);
  }, timeoutMs(120, 900));
});
