import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGeneratedFile } from './support/generated-file.js';
import { call, waitForProjection, type Answer } from './support/http.js';
import { auditEventStore } from './support/ledger-audit.js';
import { LOAD_AREA, LoadJournal, prng, runClients, setupCommands } from './support/load.js';
import { employersOf, readFigures, rebuildCopy, touchedAreas } from './support/read-model-compare.js';
import { timeoutMs } from './support/soak.js';
import { runSocai, socaiEnv, spawnSocai, startServer, type ServerProcess } from './support/socai-process.js';

/**
 * `socai rebuild --online` and `POST /api/admin/rebuilds` while eight clients write and a reader asks
 * for figures the writes never touch (a district of the generated Quảng Trị ledger other than 465,
 * where the load writes, and an employer of that ledger): every answer must be 200 and exactly the figure before the rebuild, as a
 * half-built generation would show less. Afterwards one generation is left, and its figures equal an
 * offline rebuild of the same log.
 */
const seed = Number(process.env.SOCAI_RELIABILITY_SEED ?? Date.now() % 1_000_000_000);
const POINTER = 'read-models.current';

function serving(dataDir: string): string | undefined {
  return existsSync(join(dataDir, POINTER)) ? readFileSync(join(dataDir, POINTER), 'utf8').trim() : undefined;
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe(`online rebuild while serving and writing (seed ${seed})`, () => {
  const work = mkdtempSync(join(tmpdir(), 'socai-online-rebuild-'));
  const dataDir = join(work, 'data');
  let server: ServerProcess | undefined;
  let offlineDir: string | undefined;

  afterAll(async () => {
    await server?.kill();
    for (const dir of [work, offlineDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers every query from a whole generation, then serves figures equal to an offline rebuild', async () => {
    const file = writeGeneratedFile(join(work, 'demo.ndjson'), { seed: 11, employers: 30, persons: 150, months: 24 });
    server = await startServer(dataDir);
    const url = server.url;
    const journal = new LoadJournal();
    for (const command of setupCommands()) await journal.send(url, command);
    expect((await call(url, 'POST', '/api/import', file.text, { timeoutMs: 120_000 })).body).toMatchObject({ refused: 0 });
    await waitForProjection(url);

    const events = auditEventStore(dataDir).events;
    const employer = employersOf(events).find((code) => !code.startsWith('RLEMP'))!;
    const district = touchedAreas(events).find((code) => code.length === 3 && code !== LOAD_AREA)!;
    const staticQueries = [`/api/areas/${district}/totals?from=2015-01-01&to=2025-06-30`, `/api/employers/${employer}/arrears?asOf=2025-06-30`];
    const before = new Map<string, Answer>();
    for (const path of staticQueries) before.set(path, await call(url, 'GET', path));
    for (const answer of before.values()) expect(answer.status).toBe(200);
    expect(before.get(staticQueries[0]!)!.body).not.toEqual({});

    let release!: () => void;
    const stop = new Promise<void>((resolve) => (release = resolve));
    let stopped = false;
    void stop.then(() => (stopped = true));
    const load = runClients(url, journal, 8, [], prng(seed), stop);
    const wrong: unknown[] = [];
    let answered = 0;
    const reader = (async () => {
      while (!stopped) {
        for (const path of staticQueries) {
          const answer = await call(url, 'GET', path);
          answered++;
          const expected = before.get(path)!;
          if (answer.status !== 200 || JSON.stringify(answer.body) !== JSON.stringify(expected.body)) wrong.push({ path, status: answer.status, body: answer.body });
        }
      }
    })();

    await until(() => journal.acknowledged.size >= 50);
    const online = await runSocai(['rebuild', '--online'], socaiEnv(dataDir));
    expect({ code: online.code, output: online.code === 0 ? '' : online.output }).toEqual({ code: 0, output: '' });
    const afterCli = serving(dataDir);
    expect(afterCli).toMatch(/^read-models\.g\d+\.sqlite$/);
    expect(online.output).toContain(`rebuilt read models online into ${afterCli}`);

    const started = await call(url, 'POST', '/api/admin/rebuilds');
    expect(started).toEqual({ status: 202, body: { status: 'started', from: afterCli, startedAt: expect.any(String) } });
    await until(() => serving(dataDir) !== afterCli && !existsSync(join(dataDir, 'read-models.rebuilding')));
    // Writes and reads go on after the second switch too.
    const acked = journal.acknowledged.size;
    await until(() => journal.acknowledged.size >= acked + 50);
    release();
    await Promise.all([load, reader]);
    expect(journal.badAnswers).toEqual([]);
    expect(wrong).toEqual([]);
    expect(answered).toBeGreaterThan(0);
    await waitForProjection(url);

    const generation = serving(dataDir)!;
    const files = readdirSync(dataDir).filter((name) => name.startsWith('read-models.') && name.endsWith('.sqlite'));
    expect(files).toEqual([generation]);
    await server.stop();
    server = undefined;

    const audit = auditEventStore(dataDir);
    expect(audit.problems).toEqual([]);
    offlineDir = await rebuildCopy(dataDir);
    const areas = touchedAreas(audit.events);
    const employers = employersOf(audit.events);
    const window = { from: '2015-01-01', to: '2025-06-30' };
    const asOfs = ['2024-04-30', '2025-06-30'];
    const served = await readFigures(dataDir, areas, employers, window, asOfs);
    const offline = await readFigures(offlineDir, areas, employers, window, asOfs);
    expect(served.checkpoint).toBe(audit.events.length);
    expect(Object.keys(served.areaTotals).length).toBe(Object.keys(offline.areaTotals).length);
    for (const key of Object.keys(offline.areaTotals)) expect({ [key]: served.areaTotals[key] }).toEqual({ [key]: offline.areaTotals[key] });
    for (const key of Object.keys(offline.arrears)) expect({ [key]: served.arrears[key] }).toEqual({ [key]: offline.arrears[key] });
  }, timeoutMs(240, 600));
});

describe('an online rebuild killed midway', () => {
  const work = mkdtempSync(join(tmpdir(), 'socai-online-rebuild-crash-'));
  const dataDir = join(work, 'data');
  let server: ServerProcess | undefined;

  afterAll(async () => {
    await server?.kill();
    rmSync(work, { recursive: true, force: true });
  });

  it('leaves the serving generation answering, and the next online rebuild clears what it left', async () => {
    const file = writeGeneratedFile(join(work, 'demo.ndjson'), { seed: 13, employers: 30, persons: 150, months: 24 });
    server = await startServer(dataDir);
    expect((await call(server.url, 'POST', '/api/import', file.text, { timeoutMs: 120_000 })).body).toMatchObject({ refused: 0 });
    await waitForProjection(server.url);
    const totals = '/api/areas/45/totals?from=2015-01-01&to=2025-06-30';
    const before = await call(server.url, 'GET', totals);
    expect(before.status).toBe(200);

    const rebuild = spawnSocai(['rebuild', '--online'], socaiEnv(dataDir));
    const newFile = () => readdirSync(dataDir).find((name) => /^read-models\.g\d+\.sqlite$/.test(name));
    await until(() => newFile() !== undefined || rebuild.hasExited);
    await rebuild.kill();
    const orphan = newFile();
    // Killed before its switch: the new file appears as the build starts, and building this log takes seconds.
    expect({ serving: serving(dataDir), orphan: orphan !== undefined, lock: existsSync(join(dataDir, 'read-models.rebuilding')) }).toEqual({ serving: undefined, orphan: true, lock: true });
    expect(await call(server.url, 'GET', totals)).toEqual(before);
    expect(existsSync(join(dataDir, 'read-models.sqlite'))).toBe(true);
    const again = await runSocai(['rebuild', '--online'], socaiEnv(dataDir));
    expect({ code: again.code, output: again.code === 0 ? '' : again.output }).toEqual({ code: 0, output: '' });
    const generation = serving(dataDir);
    expect(readdirSync(dataDir).filter((name) => name.startsWith('read-models.') && name.endsWith('.sqlite'))).toEqual([generation]);
    expect(existsSync(join(dataDir, 'read-models.rebuilding'))).toBe(false);
    expect(await call(server.url, 'GET', totals)).toEqual(before);
  }, timeoutMs(180, 600));
});
