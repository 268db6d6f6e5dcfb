import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGeneratedFile } from './support/generated-file.js';
import { call, waitForProjection } from './support/http.js';
import { auditEventStore } from './support/ledger-audit.js';
import { LoadJournal, prng, runClients, setupCommands } from './support/load.js';
import { employersOf, readFigures, rebuildCopy, touchedAreas } from './support/read-model-compare.js';
import { scaled, timeoutMs } from './support/soak.js';
import { runSocai, socaiEnv, startServer, type ServerProcess } from './support/socai-process.js';

/**
 * `socai rebuild` run while `socai serve` is up and projecting new writes: two processes then write
 * the same read-model file. Exactly-once projection must hold across processes too, so afterwards
 * the server's read models must equal a rebuild of the same log made with nobody else around.
 */
const seed = Number(process.env.SOCAI_RELIABILITY_SEED ?? Date.now() % 1_000_000_000);
const rebuilds = scaled(2, 6);

describe(`rebuild while serving (seed ${seed})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'socai-rebuild-serving-'));
  const work = mkdtempSync(join(tmpdir(), 'socai-rebuild-serving-files-'));
  let server: ServerProcess | undefined;
  let rebuiltDir: string | undefined;

  afterAll(async () => {
    await server?.kill();
    for (const dir of [dataDir, work, rebuiltDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('leaves read models equal to a rebuild made alone', async () => {
    const file = writeGeneratedFile(join(work, 'demo.ndjson'), { seed: 5, employers: 40, persons: 200, months: 24 });
    server = await startServer(dataDir);
    const journal = new LoadJournal();
    for (const command of setupCommands()) await journal.send(server.url, command);
    expect((await call(server.url, 'POST', '/api/import', file.text, { timeoutMs: 120_000 })).body).toMatchObject({ refused: 0 });
    await waitForProjection(server.url);

    let release!: () => void;
    const stopClients = new Promise<void>((resolve) => (release = resolve));
    const load = runClients(server.url, journal, 8, [], prng(seed), stopClients);
    for (let i = 0; i < rebuilds; i++) {
      const { code, output } = await runSocai(['rebuild'], socaiEnv(dataDir));
      expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    }
    release();
    await load;
    expect(journal.badAnswers).toEqual([]);
    await waitForProjection(server.url);
    await server.stop();
    server = undefined;

    const audit = auditEventStore(dataDir);
    expect(audit.problems).toEqual([]);
    rebuiltDir = await rebuildCopy(dataDir);
    const areas = touchedAreas(audit.events);
    const employers = employersOf(audit.events);
    const window = { from: '2015-01-01', to: '2025-06-30' };
    const asOfs = ['2024-04-30', '2025-06-30'];
    const served = await readFigures(dataDir, areas, employers, window, asOfs);
    const alone = await readFigures(rebuiltDir, areas, employers, window, asOfs);
    expect(served.checkpoint).toBe(audit.events.length);
    // The comparison below covers every area and employer: the province, its ten districts (the
    // generated file and the load's 465), the 40 generated employers and the load's 4.
    expect(areas).toEqual(['45', '461', '462', '464', '465', '466', '467', '468', '469', '470', '471']);
    expect(employers).toHaveLength(44);
    expect(Object.keys(alone.areaTotals)).toHaveLength(areas.length * (1 + asOfs.length));
    expect(Object.keys(alone.arrears)).toHaveLength(employers.length * asOfs.length);
    for (const key of Object.keys(alone.areaTotals)) expect({ [key]: served.areaTotals[key] }).toEqual({ [key]: alone.areaTotals[key] });
    for (const key of Object.keys(alone.arrears)) expect({ [key]: served.arrears[key] }).toEqual({ [key]: alone.arrears[key] });
  }, timeoutMs(120, 600));
});
