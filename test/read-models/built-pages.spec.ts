import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SqliteEventStore, type ThreadedLogPages } from '#event-store';
import { Ledger, loadAreaDirectory, NdjsonImport, paymentsFromLog } from '#ledger';
import { openReadModels, pageBuilder, type BuiltPage, type ReadModels, type RebuildSource } from '#read-models';
import { generateCommands } from '../../apps/cli/src/generate/index.js';

/**
 * A rebuild whose reader hands over built pages (the statements of each page, built where the log is
 * read: projection/built-pages.ts) must leave every table as a rebuild from the events does. Here the
 * pages are built on this thread, in small pages several to a commit; the runtime builds them on its
 * reader's worker thread (libs/runtime/src/rebuild/statement-pages.ts).
 */
describe('a rebuild from pages built by the reader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socai-built-pages-'));
  const areas = loadAreaDirectory();
  const lines = [...generateCommands({ scenario: 'demo', seed: 5 })];
  let store: SqliteEventStore;
  let fromEvents: ReadModels;
  let fromBuilt: ReadModels;
  let builtPages = 0;

  beforeAll(async () => {
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    const ledger = new Ledger({ store, areas, ledgerPayments: paymentsFromLog(store) });
    const summary = await new NdjsonImport(ledger, { actor: 'test', role: 'admin' }).run(lines);
    expect(summary.refused).toBe(0);
    fromEvents = openReadModels(dir, areas, { file: join(dir, 'from-events.sqlite') });
    await fromEvents.projector.rebuild(store, undefined, 97);
    const build = pageBuilder(areas);
    const reader: RebuildSource = {
      readAll: (options) => store.readAll(options),
      readPages: async (options) => {
        builtPages++;
        return build(await store.readAll(options));
      },
      close: async () => undefined,
    };
    fromBuilt = openReadModels(dir, areas, { file: join(dir, 'from-built.sqlite'), rebuildSource: (source) => (source === store ? reader : undefined) });
    await fromBuilt.projector.rebuild(store, undefined, 97);
  });
  afterAll(async () => {
    await fromEvents.close();
    await fromBuilt.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every table's rows in a fixed order, and the names and SQL of the indexes and triggers. */
  async function everything(models: ReadModels): Promise<Record<string, unknown>> {
    const db = models.store.db;
    const tables = await db.query<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('read_model_generation', 'read_model_migrations') ORDER BY name`);
    const out: Record<string, unknown> = {};
    for (const { name } of tables) {
      const rows = await db.query<Record<string, unknown>>(`SELECT * FROM "${name}"`);
      out[name] = rows.map((row) => JSON.stringify(row)).sort();
    }
    out.schema = await db.query(`SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name`);
    return out;
  }

  it('reads every page built, and leaves every table, index and trigger as a rebuild from the events', async () => {
    expect(builtPages).toBeGreaterThan(Math.floor(lines.length / 97));
    expect(await fromBuilt.projector.position()).toBe(await store.headPosition());
    const [a, b] = [await everything(fromEvents), await everything(fromBuilt)];
    expect(Object.keys(a).length).toBeGreaterThan(30);
    expect(b).toEqual(a);
  });

  it('builds on the compiled reader\'s worker thread the pages this thread builds', async () => {
    // As libs/runtime/src/rebuild/statement-pages.ts opens it, from dist/ (`npm run build` first, as
    // `npm test` does): the worker loads the transform, and its reference data, through node's own resolution.
    const dist = join(process.cwd(), 'dist', 'libs');
    const distPages = join(dist, 'event-store', 'src', 'sqlite', 'threaded-log-pages.js');
    const transform = join(dist, 'runtime', 'src', 'rebuild', 'statement-pages.transform.js');
    if (!existsSync(distPages) || !existsSync(transform)) throw new Error(`${distPages} or ${transform} is missing: run npm run build (npm test does)`);
    const Dist = ((await import(distPages)) as { ThreadedLogPages: typeof ThreadedLogPages }).ThreadedLogPages;
    const pages = Dist.open(join(dir, 'events.sqlite'), { metadataFields: ['recordedAt'], transform: pathToFileURL(transform).href });
    const build = pageBuilder(areas);
    let from = 1;
    let compared = 0;
    try {
      for (;;) {
        const page = await pages.readPages({ fromPosition: from, limit: 97 });
        if (Array.isArray(page)) {
          expect(page).toEqual([]);
          break;
        }
        expect(page).toEqual(build(await store.readAll({ fromPosition: from, limit: 97 })));
        compared += page.count;
        from = (page as BuiltPage).last + 1;
        if (page.count < 97) break;
      }
    } finally {
      await pages.close();
    }
    expect(compared).toBe(await store.headPosition());
  });

  it('refuses a built page that does not follow the checkpoint', async () => {
    const build = pageBuilder(areas);
    const page = build(await store.readAll({ fromPosition: 1, limit: 10 }));
    const stale: RebuildSource = { readAll: (options) => store.readAll(options), readPages: async () => page, close: async () => undefined };
    const models = openReadModels(dir, areas, { file: join(dir, 'stale.sqlite'), rebuildSource: () => stale });
    await expect(models.projector.rebuild(store, undefined, 10)).rejects.toThrow('a built page starts at 1, not after 10');
    await models.close();
  });
});
