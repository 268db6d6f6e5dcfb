import type { ReadAllOptions, RecordedEvent } from '#event-store';
import { SUSPENDED_DURING_REBUILD, SUSPENDED_TABLE } from './summaries-suspension.js';
import { FACT_INDEXES } from './fact-indexes.js';
import { READ_MODEL_TABLES } from '../database/migrations.js';
import { contractScenario } from '../testing/contract-scenario.js';
import { EventLog } from '../testing/event-log.js';
import { randomLedger } from '../testing/random-ledger.js';
import { describeEachStore, type ReadModelsHarness, type StoreKind } from '../testing/read-models-harness.js';

/** Every row of every read-model table and the checkpoint, each table's rows in one fixed order. */
async function everyRow(h: ReadModelsHarness): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of [...READ_MODEL_TABLES, 'checkpoint']) {
    const rows = await h.store.db.query<Record<string, unknown>>(`SELECT * FROM ${table}`);
    tables[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return tables;
}

/** How many summary triggers the store has (PostgreSQL lists its own constraint triggers too: left out). */
async function triggerCount(h: ReadModelsHarness, kind: StoreKind): Promise<number> {
  const sql =
    kind === 'sqlite'
      ? "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger'"
      : `SELECT COUNT(*) AS n FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = current_schema() AND NOT t.tgisinternal`;
  return Number((await h.store.db.queryOne<{ n: number }>(sql))!.n);
}

/** Every index of the store with its definition (a rebuild drops the facts' secondary indexes and builds them again). */
async function indexes(h: ReadModelsHarness, kind: StoreKind): Promise<string[]> {
  const sql =
    kind === 'sqlite'
      ? "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
      : 'SELECT indexname, tablename, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname';
  return (await h.store.db.query<Record<string, unknown>>(sql)).map((row) => JSON.stringify(row));
}

async function suspended(h: ReadModelsHarness): Promise<number> {
  return Number((await h.store.db.queryOne<{ n: number }>(`SELECT COUNT(*) AS n FROM ${SUSPENDED_TABLE}`))!.n);
}

/** The first `count` events of `log`, as a log of their own. */
function prefix(log: EventLog, count: number): EventLog {
  const part = new EventLog();
  part.events.push(...log.events.slice(0, count));
  return part;
}

/** The contract ledger followed by a random one with reversals of assessments and payments. */
function ledgerWithReversals(seed: number): EventLog {
  const { log } = contractScenario(randomLedger(seed).log);
  return log;
}

describeEachStore('rebuild', (stores) => {
  it.each([1, 4])('leaves every read model, arrears summary included, row for row as incremental projection does (seed %i)', async (seed) => {
    const log = ledgerWithReversals(seed);
    expect(log.events.filter((e) => e.type === 'EntryReversed').length).toBeGreaterThan(5);
    const incremental = await stores.harness();
    await incremental.project(log, 7);
    const rebuilt = await stores.harness();
    await rebuilt.project(log);
    const migrated = await indexes(rebuilt, stores.kind);
    // Pages of 5 events, several pages per commit: the rebuild commits many times.
    expect(await rebuilt.projector.rebuild(log, undefined, 5)).toBe(log.events.length);
    const rows = await everyRow(rebuilt);
    expect(rows).toEqual(await everyRow(incremental));
    expect(rows.arrears_periods!.length).toBeGreaterThan(50);
    expect(rows.arrears_named!.length).toBeGreaterThan(5);
    expect(await suspended(rebuilt)).toBe(0);
    expect(await indexes(rebuilt, stores.kind)).toEqual(migrated);
  });

  it('turns the summary triggers back on: events projected after a rebuild move the summary', async () => {
    const log = ledgerWithReversals(2);
    const half = Math.floor(log.events.length / 2);
    const incremental = await stores.harness();
    await incremental.project(log, 7);
    const h = await stores.harness();
    const triggers = await triggerCount(h, stores.kind);
    expect(triggers).toBeGreaterThan(0);
    await h.projector.rebuild(prefix(log, half));
    expect(await triggerCount(h, stores.kind)).toBe(triggers);
    expect(await h.projector.catchUp(log, { batchSize: 7 })).toBe(log.events.length - half);
    expect(await everyRow(h)).toEqual(await everyRow(incremental));
  });

  it('a rebuild that stops midway (the process dies) leaves a marker; the next open restores the summary from the facts and the triggers', async () => {
    const log = ledgerWithReversals(3);
    const stop = Math.floor(log.events.length / 3);
    const crashed = await stores.harness({ name: 'crashed' });
    await crashed.project(log);
    const triggers = await triggerCount(crashed, stores.kind);
    const migrated = await indexes(crashed, stores.kind);
    // What Projector.rebuild does before it dies: suspend and empty, then commit part of the log.
    await crashed.store.reset({ suspendSummaries: true });
    await crashed.projector.catchUp(prefix(log, stop), { batchSize: 10 });
    expect(await suspended(crashed)).toBe(SUSPENDED_DURING_REBUILD.length);
    expect(await triggerCount(crashed, stores.kind)).toBe(0);
    expect((await indexes(crashed, stores.kind)).length).toBe(migrated.length - FACT_INDEXES.dropTriggers(stores.kind).length);
    expect(await crashed.store.db.query('SELECT * FROM arrears_balances')).toEqual([]);
    await crashed.close();

    const reopened = await stores.harness({ name: 'crashed' });
    expect(await suspended(reopened)).toBe(0);
    expect(await triggerCount(reopened, stores.kind)).toBe(triggers);
    expect(await indexes(reopened, stores.kind)).toEqual(migrated);
    const upToStop = await stores.harness();
    await upToStop.project(prefix(log, stop), 7);
    expect(await everyRow(reopened)).toEqual(await everyRow(upToStop));
    // Incremental projection from there moves the summary again, to what projecting it all gives.
    expect(await reopened.projector.catchUp(log, { batchSize: 7 })).toBe(log.events.length - stop);
    const whole = await stores.harness();
    await whole.project(log, 7);
    expect(await everyRow(reopened)).toEqual(await everyRow(whole));
    const owing = await reopened.store.db.query<{ unit_code: string }>('SELECT unit_code FROM arrears_balances WHERE owes = 1 ORDER BY unit_code');
    expect(owing.length).toBeGreaterThan(0);
  });

  it('a rebuild whose source fails restores the summary of what it committed before rethrowing', async () => {
    const log = ledgerWithReversals(5);
    expect(log.events.length).toBeGreaterThan(200);
    let reads = 0;
    const failing = {
      readAll: async (options: ReadAllOptions): Promise<RecordedEvent[]> => {
        reads += 1;
        if (reads === 14) throw new Error('event store went away');
        return log.readAll(options);
      },
    };
    const h = await stores.harness();
    const triggers = await triggerCount(h, stores.kind);
    // Pages of 10, ten pages per commit: events 1-100 commit, the second commit fails on its fourth page.
    await expect(h.projector.rebuild(failing, undefined, 10)).rejects.toThrow('event store went away');
    expect(await h.projector.position()).toBe(100);
    expect(await suspended(h)).toBe(0);
    expect(await triggerCount(h, stores.kind)).toBe(triggers);
    const upTo100 = await stores.harness();
    await upTo100.project(prefix(log, 100), 7);
    expect(await everyRow(h)).toEqual(await everyRow(upTo100));
    expect(await h.projector.catchUp(log, { batchSize: 7 })).toBe(log.events.length - 100);
    const whole = await stores.harness();
    await whole.project(log, 7);
    expect(await everyRow(h)).toEqual(await everyRow(whole));
  });
});
