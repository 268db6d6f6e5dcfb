import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Projector } from '../../projection/projector.js';
import { READ_MODEL_TABLES } from '../migrations.js';
import { ReadModelStore } from '../read-model-store.js';
import { contractScenario } from '../../testing/contract-scenario.js';
import { EventLog, referenceAreas } from '../../testing/event-log.js';
import { DISTRICTS, randomLedger } from '../../testing/random-ledger.js';
import type { SqliteReadModelDb } from './sqlite-read-model-db.js';
import { COMPUTED_ASIDE, computeAside, computeAsideInBackground, type AsideJob, type AsideResult } from './summaries-aside.js';

const areas = referenceAreas();
const ASIDE_TABLES = COMPUTED_ASIDE.flatMap((s) => s.tables);


const BENEFITS = ['pension', 'maternity', 'survivor', 'one-off'] as const;

/**
 * The contract ledger and a random one, then benefit payments: 12 persons over 2021, each in one or
 * two districts, monthly and one-off benefits, gaps, and every seventh payment reversed; and cards.
 */
function ledger(seed: number): EventLog {
  const { log } = contractScenario(randomLedger(seed).log);
  let n = 0;
  for (let person = 1; person <= 12; person++) {
    for (let month = 1; month <= 12; month++) {
      if ((person * month + seed) % 5 === 0) continue;
      const areaCode = DISTRICTS[(person + (month > 6 && person % 3 === 0 ? 1 : 0)) % DISTRICTS.length]!;
      const payoutMonth = `2021-${String(month).padStart(2, '0')}`;
      const paid = log.record('BenefitPaid', {
        paymentRef: `AS-${seed}-${++n}`, personId: `95000100${String(person).padStart(2, '0')}`, benefit: BENEFITS[(person + month) % BENEFITS.length],
        payoutMonth, amount: '1500000', channel: 'post-office-cash', areaCode, paidOn: `${payoutMonth}-05`,
      });
      if (n % 7 === 0) log.reverse(paid, `${payoutMonth}-20`, 'Chi nhầm');
    }
    // Health insurance cards: a run of two that overlap or one after a gap, the second of every third person reversed.
    const personId = `95000200${String(person).padStart(2, '0')}`;
    const areaCode = DISTRICTS[person % DISTRICTS.length]!;
    log.record('CardIssued', { cardNo: `DN-${seed}-${person}-1`, personId, areaCode, validFrom: '2021-01-01', validTo: '2021-06-30', issuedOn: '2020-12-20' });
    const second = log.record('CardIssued', {
      cardNo: `DN-${seed}-${person}-2`, personId, areaCode: DISTRICTS[(person + seed) % DISTRICTS.length]!,
      validFrom: person % 2 === 0 ? '2021-06-01' : '2021-08-01', validTo: '2021-12-31', issuedOn: '2021-05-20',
    });
    if (person % 3 === 0) log.reverse(second, '2021-05-25', 'Cấp nhầm');
  }
  return log;
}

function prefix(log: EventLog, count: number): EventLog {
  const part = new EventLog();
  part.events.push(...log.events.slice(0, count));
  return part;
}

/**
 * Every row of the tables, in a fixed order. Leaves out the counts at 0 (recipients; card runs
 * starting and ending on a day): the triggers leave such a row where a reversal took the last one
 * away, a backfill (in place or aside) has none, and queries add the counts up. (Incremental
 * projection and a rebuild differ there already, whatever computes the backfill.)
 */
const NOT_ZERO: Record<string, string> = {
  benefit_recipient_counts: ' WHERE n <> 0',
  card_cover_days: ' WHERE starts <> 0 OR ends <> 0',
};

async function rowsOf(store: ReadModelStore, tables: readonly string[]): Promise<Record<string, string[]>> {
  const rows: Record<string, string[]> = {};
  for (const table of tables) {
    const where = NOT_ZERO[table] ?? '';
    rows[table] = (await store.db.query<object>(`SELECT * FROM ${table}${where}`)).map((row) => JSON.stringify(row)).sort();
  }
  return rows;
}

/** Every read model and the checkpoint, as incremental projection of `log` into a fresh store leaves them. */
async function projectedIncrementally(log: EventLog): Promise<Record<string, string[]>> {
  const store = ReadModelStore.open(':memory:');
  try {
    await new Projector(store, areas).catchUp(log, { batchSize: 7 });
    return await rowsOf(store, [...READ_MODEL_TABLES, 'checkpoint']);
  } finally {
    await store.close();
  }
}

describe('SQLite summaries computed aside during a rebuild', () => {
  let dir: string;
  let open: ReadModelStore[];
  const storeAt = (name: string) => {
    const store = ReadModelStore.open(join(dir, name));
    open.push(store);
    return store;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'socai-summaries-aside-'));
    open = [];
  });
  afterEach(async () => {
    for (const store of open) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a rebuild of a file store copies them in: every read model row for row as incremental projection, no scratch file left', async () => {
    const log = ledger(6);
    const store = storeAt('read-models.sqlite');
    const projector = new Projector(store, areas);
    await projector.catchUp(log);
    const jobs: AsideJob[] = [];
    const db = store.db as SqliteReadModelDb;
    const restore = db.restoreSummaries.bind(db);
    db.restoreSummaries = () => restore((job) => (jobs.push(job), computeAsideInBackground(job)));
    expect(await projector.rebuild(log, undefined, 5)).toBe(log.events.length);
    expect(jobs).toEqual([{ source: join(dir, 'read-models.sqlite'), aside: join(dir, 'read-models.sqlite-summaries-aside'), summaries: ['area_flows', 'benefit_recipients'] }]);
    const rows = await rowsOf(store, [...READ_MODEL_TABLES, 'checkpoint']);
    expect(rows).toEqual(await projectedIncrementally(log));
    // The ledger is in Bạc Liêu (95, abolished on 2025-07-01): a fourth key row per person and month, `o:95`.
    expect(rows.benefit_recipient_months!.length).toBe(628);
    expect(rows.card_cover_runs!.length).toBe(68);
    expect(existsSync(jobs[0]!.aside)).toBe(false);
  });

  it('computes the tables from the source file’s facts into the scratch file, with the checkpoint position of those facts', async () => {
    const log = ledger(7);
    const store = storeAt('read-models.sqlite');
    await new Projector(store, areas).catchUp(log);
    const aside = join(dir, 'aside.sqlite');
    expect(computeAside({ source: join(dir, 'read-models.sqlite'), aside, summaries: COMPUTED_ASIDE.map((s) => s.name) })).toEqual({ position: log.events.length });
    const scratch = new Database(aside, { readonly: true });
    try {
      for (const table of ASIDE_TABLES) {
        const rows = scratch.prepare(`SELECT * FROM ${table}${NOT_ZERO[table] ?? ''}`).all().map((row) => JSON.stringify(row)).sort();
        expect(rows).toEqual((await rowsOf(store, [table]))[table]);
      }
    } finally {
      scratch.close();
    }
  });

  it('facts projected since they were computed (another process): they are computed again in place, not copied', async () => {
    const log = ledger(8);
    // The last 60 events are benefit payments, cards and reversals (ledger()).
    const half = log.events.length - 60;
    const store = storeAt('read-models.sqlite');
    const projector = new Projector(store, areas);
    await projector.catchUp(prefix(log, half));
    const stale = join(dir, 'stale.sqlite');
    const staleResult = computeAside({ source: join(dir, 'read-models.sqlite'), aside: stale, summaries: COMPUTED_ASIDE.map((s) => s.name) });
    expect(staleResult).toEqual({ position: half });
    await projector.catchUp(log);
    const computedThen = await rowsOf(store, ASIDE_TABLES);
    // What a copy would bring in: the months of the payments before the last 40 events.
    const staleMonths = new Database(stale, { readonly: true });
    expect(staleMonths.prepare('SELECT COUNT(*) FROM benefit_recipient_months').pluck().get()).toBe(400);
    staleMonths.close();
    expect(computedThen.benefit_recipient_months!.length).toBe(620);
    await store.db.execute('DELETE FROM benefit_recipient_months');
    await (store.db as SqliteReadModelDb).restoreSummaries(async (job): Promise<AsideResult> => {
      copyFileSync(stale, job.aside);
      return staleResult;
    });
    expect(await rowsOf(store, ASIDE_TABLES)).toEqual(computedThen);
    expect(await rowsOf(store, [...READ_MODEL_TABLES, 'checkpoint'])).toEqual(await projectedIncrementally(log));
  });

  it('a failure aside is no failure of the restore: they are computed in place', async () => {
    const log = ledger(9);
    const store = storeAt('read-models.sqlite');
    const projector = new Projector(store, areas);
    await projector.catchUp(log);
    await store.reset({ suspendSummaries: true });
    await projector.catchUp(log, { batchSize: 50 });
    await (store.db as SqliteReadModelDb).restoreSummaries(async () => {
      throw new Error('no second core today');
    });
    expect(await store.db.query('SELECT * FROM derived_suspended')).toEqual([]);
    expect(await rowsOf(store, [...READ_MODEL_TABLES, 'checkpoint'])).toEqual(await projectedIncrementally(log));
  });
});
