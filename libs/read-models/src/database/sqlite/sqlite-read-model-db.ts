import Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { soleLease, type ReadModelDb, type SqlDialect, type SqlParam, type SqlRunner, type SqlStatement } from '../read-model-db.js';
import { restoreSummariesSql, restoreSummarySql, SUSPENDED_DURING_REBUILD, SUSPENDED_TABLE } from '../../projection/summaries-suspension.js';
import { COMPUTED_ASIDE, computeAsideInBackground, copyFromAsideSql, type AsideJob, type AsideResult } from './summaries-aside.js';
import { MIGRATIONS_TABLE, MIGRATIONS_TABLE_SQL, pendingMigrations, sqlFor } from '../migrations.js';

/**
 * A rebuild's page cache, in KiB as SQLite counts a negative cache_size: 96 MiB, enough for the pages
 * a commit of REBUILD_PAGES_PER_COMMIT pages dirties at 1M (the facts' event-id indexes, about 58 MB,
 * nearly all of them), so that they are written once at its commit rather than spilled before it.
 */
const REBUILD_CACHE_SIZE = -98_304;
/** Pages the WAL may grow to during a rebuild before it is folded into the file: 64 MiB of 4 KiB pages. */
const REBUILD_WAL_PAGES = 16_384;

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  // Amounts are TEXT; SQLite sums them as 64-bit integers (an overflow is an error, never a float)
  // and the cast back to TEXT hands the exact figure to JavaScript, past 2^53 too.
  sumMoney: (column) => `CAST(COALESCE(SUM(CAST(${column} AS INTEGER)), 0) AS TEXT)`,
  emptyTables: (tables) => tables.map((table) => `DELETE FROM ${table}`),
};

/**
 * The read models in their own SQLite file, separate from the event log so that a rebuild can
 * empty it without touching a single recorded fact. WAL lets queries read while the projector
 * writes. synchronous=NORMAL: in WAL mode a power cut may take back the last few batches, never half
 * of one, and a batch goes with its checkpoint, so the projector simply applies them again from the
 * log; the log itself (events.sqlite) stays FULL. The disk's fsyncs are left to acknowledged commands.
 * better-sqlite3 is synchronous: every call here finishes before it returns, and a query that
 * arrives while a transaction is open waits for it, so no reader sees half a batch.
 */
export class SqliteReadModelDb implements ReadModelDb {
  readonly dialect = sqliteDialect;
  private readonly statements = new Map<string, Database.Statement>();
  /** A statement in raw mode answers arrays until switched back: the raw queries keep their own. */
  private readonly rawStatements = new Map<string, Database.Statement>();
  private openTransaction: Promise<unknown> | undefined;
  private readonly runner: SqlRunner = {
    query: async <T>(sql: string, params: readonly SqlParam[] = []) => this.prepared(sql).all(...params) as T[],
    queryRaw: async <T extends readonly unknown[]>(sql: string, params: readonly SqlParam[] = []) => this.preparedRaw(sql).all(...params) as T[],
    queryOne: async <T>(sql: string, params: readonly SqlParam[] = []) => this.prepared(sql).get(...params) as T | undefined,
    execute: async (sql: string, params: readonly SqlParam[] = []) => this.prepared(sql).run(...params).changes,
    executeAll: async (statements: readonly SqlStatement[]) => {
      for (const { sql, params } of statements) this.prepared(sql).run(...params);
    },
  };

  private constructor(readonly connection: Database.Database) {}

  /** Opens (creating if needed) the file and brings its schema up to date; `:memory:` gives a throwaway store. */
  static open(file: string): SqliteReadModelDb {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const connection = new Database(file);
    if (file !== ':memory:') connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = NORMAL');
    connection.pragma('busy_timeout = 5000');
    migrate(connection);
    return new SqliteReadModelDb(connection);
  }

  async query<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
    if (this.openTransaction) await this.settled();
    return this.runner.query<T>(sql, params);
  }

  async queryRaw<T extends readonly unknown[]>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
    if (this.openTransaction) await this.settled();
    return this.runner.queryRaw<T>(sql, params);
  }

  async queryOne<T>(sql: string, params?: readonly SqlParam[]): Promise<T | undefined> {
    if (this.openTransaction) await this.settled();
    return this.runner.queryOne<T>(sql, params);
  }

  async execute(sql: string, params?: readonly SqlParam[]): Promise<number> {
    if (this.openTransaction) await this.settled();
    return this.runner.execute(sql, params);
  }

  /** In one transaction, as on PostgreSQL: several statements sent together are all or nothing. */
  executeAll(statements: readonly SqlStatement[]): Promise<void> {
    return this.transaction((tx) => tx.executeAll(statements));
  }

  async transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    // BEGIN IMMEDIATE takes the write lock now, so another process writing the same file waits
    // (busy_timeout) instead of failing at COMMIT.
    return this.inTransaction('BEGIN IMMEDIATE', work);
  }

  /**
   * A deferred BEGIN takes no lock: the first SELECT fixes the WAL snapshot every later statement
   * reads, whatever another connection commits meanwhile. On this connection it is one transaction
   * like the projector's, so each waits for the other: the reads are synchronous underneath, so the
   * projector waits for a call's few statements, not for the call's computation.
   */
  readTransaction<T>(work: (reader: SqlRunner) => Promise<T>): Promise<T> {
    return this.inTransaction('BEGIN', work);
  }

  private async inTransaction<T>(begin: 'BEGIN' | 'BEGIN IMMEDIATE', work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    while (this.openTransaction) await this.settled();
    this.connection.exec(begin);
    const run = (async () => {
      try {
        const result = await work(this.runner);
        this.connection.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
        throw error;
      }
    })();
    this.openTransaction = run;
    try {
      return await run;
    } finally {
      // A transaction that was waiting may have begun already; its marker stays.
      if (this.openTransaction === run) this.openTransaction = undefined;
    }
  }

  /**
   * A rebuild inserts rows all over every index (event ids are random), so each commit writes most
   * of their pages again. A page cache that holds a whole batch's pages, and a WAL folded into the
   * file every 64 MB rather than every 4 MB (SQLite's 1,000 pages), write each page far fewer times
   * than the defaults do (docs/benchmarks.md, 'rebuild page cache and WAL'). Both settings go back
   * afterwards, and the WAL is folded in at the end, so the first commit after the rebuild does not pay for it.
   */
  async duringRebuild<T>(work: () => Promise<T>): Promise<T> {
    const cacheSize = this.connection.pragma('cache_size', { simple: true }) as number;
    const autoCheckpoint = this.connection.pragma('wal_autocheckpoint', { simple: true }) as number;
    this.connection.pragma(`cache_size = ${REBUILD_CACHE_SIZE}`);
    this.connection.pragma(`wal_autocheckpoint = ${REBUILD_WAL_PAGES}`);
    try {
      return await work();
    } finally {
      while (this.openTransaction) await this.settled();
      this.connection.pragma(`cache_size = ${cacheSize}`);
      this.connection.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
      this.connection.pragma('wal_checkpoint(TRUNCATE)');
    }
  }

  /**
   * Restores the suspended summaries (see ReadModelDb.restoreSummaries), each in a transaction of its
   * own, all or nothing with its marker row like the one transaction of restoreSummariesSql: a crash
   * between two leaves the rest marked, for the next open to restore. Meanwhile the largest are
   * computed aside (summaries-aside.ts) from the same facts and then copied in, unless the facts
   * moved in between (another process projected: the checkpoint says), when they are computed here.
   * A store in memory has no file for a second connection to read: everything is computed here.
   */
  async restoreSummaries(compute: (job: AsideJob) => Promise<AsideResult> = computeAsideInBackground): Promise<void> {
    while (this.openTransaction) await this.settled();
    const file = this.connection.memory ? undefined : this.connection.name;
    const aside = file ? COMPUTED_ASIDE : [];
    const asideFile = `${file}-summaries-aside`;
    // A failure aside is no failure of the restore: those summaries are then computed here.
    const computing: Promise<AsideResult | undefined> = file
      ? compute({ source: file, aside: asideFile, summaries: aside.map((s) => s.name) }).catch(() => undefined)
      : Promise.resolve(undefined);
    let attached = false;
    try {
      for (const summary of SUSPENDED_DURING_REBUILD.filter((s) => !aside.includes(s))) {
        await this.transaction(async () => this.connection.exec(restoreSummarySql(summary, 'sqlite').join(';\n')));
      }
      const computed = await computing;
      if (aside.length === 0) return;
      if (computed) {
        this.connection.prepare('ATTACH DATABASE ? AS aside').run(asideFile);
        attached = true;
      }
      await this.transaction(async () => {
        const position = this.connection.prepare('SELECT position FROM checkpoint WHERE id = 1').pluck().get();
        const copy = computed?.position === position;
        for (const summary of aside) {
          this.connection.exec(restoreSummarySql(summary, 'sqlite', copy ? copyFromAsideSql(summary) : undefined).join(';\n'));
        }
      });
    } finally {
      await computing;
      if (attached) this.connection.exec('DETACH DATABASE aside');
      // A scratch file left behind is replaced by the next rebuild's.
      if (file) rmSync(asideFile, { force: true });
    }
  }

  /** Opening already migrated the file, synchronously. */
  async ready(): Promise<void> {}

  projectionLease() {
    return soleLease();
  }

  async close(): Promise<void> {
    while (this.openTransaction) await this.settled();
    if (this.connection.open) this.connection.close();
  }

  private async settled(): Promise<void> {
    await this.openTransaction?.catch(() => undefined);
  }

  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private preparedRaw(sql: string): Database.Statement {
    let statement = this.rawStatements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql).raw(true);
      this.rawStatements.set(sql, statement);
    }
    return statement;
  }
}

/**
 * Applies the migrations this file has not had yet, each with its record, and restores the
 * summaries a rebuild left suspended (it stopped midway), in one transaction, before anything reads.
 */
function migrate(connection: Database.Database): void {
  connection
    .transaction(() => {
      connection.exec(MIGRATIONS_TABLE_SQL);
      const applied = connection.prepare(`SELECT version FROM ${MIGRATIONS_TABLE}`).pluck().all() as number[];
      for (const migration of pendingMigrations(applied)) {
        connection.exec(sqlFor(migration.sql, 'sqlite'));
        connection
          .prepare(`INSERT INTO ${MIGRATIONS_TABLE} (version, name, applied_at) VALUES (?, ?, ?)`)
          .run(migration.version, migration.name, new Date().toISOString());
      }
      if (connection.prepare(`SELECT 1 FROM ${SUSPENDED_TABLE} LIMIT 1`).get()) {
        for (const sql of restoreSummariesSql('sqlite')) connection.exec(sql);
      }
    })
    .immediate();
}
