/**
 * The one thing the read side needs from a database: run SQL, and run several statements as one
 * transaction. SQL is written once with `?` placeholders and the few constructs both SQLite and
 * PostgreSQL understand (`ON CONFLICT DO NOTHING`, `COALESCE`, `CAST`); what differs is behind
 * `dialect`. Async because PostgreSQL is; SQLite answers synchronously underneath.
 */
export type SqlParam = string | number | null;

export interface SqlStatement {
  sql: string;
  params: readonly SqlParam[];
}

export interface SqlRunner {
  /** Every row the query returns, columns named as the SQL names them (quote camelCase aliases). */
  query<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /**
   * Every row as an array of its columns, in the order the SQL selects them. For reads on a hot path
   * that build their own objects: the driver's object per row, named by column, costs more to build
   * than the array, and the caller's literal is cheaper still to read.
   */
  queryRaw<T extends readonly unknown[]>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** The first row, or undefined. */
  queryOne<T>(sql: string, params?: readonly SqlParam[]): Promise<T | undefined>;
  /** Runs a statement and resolves with the number of rows it changed. */
  execute(sql: string, params?: readonly SqlParam[]): Promise<number>;
  /**
   * Runs statements with the effect of running them in order. A store may send inserts together
   * (PostgreSQL: multi-row, a round trip per table rather than per row), never across an UPDATE.
   */
  executeAll(statements: readonly SqlStatement[]): Promise<void>;
}

/** The two databases the read models run on; what differs between them is behind SqlDialect. */
export type Dialect = 'sqlite' | 'postgres';

export interface SqlDialect {
  readonly name: Dialect;
  /** SQL for the exact sum of a money column as a decimal string of đồng, '0' over no rows. */
  sumMoney(column: string): string;
  /** Statements that empty the tables, keeping their schema. */
  emptyTables(tables: readonly string[]): string[];
}

/**
 * Only one projector among every process that shares the read models may write them at a time.
 * A lease says whether this process is that one; the checkpoint fence in each batch keeps a
 * process that lost its lease mid-batch from committing anyway.
 */
export interface ProjectionLease {
  /** Takes the lease if it is free, or confirms this process still holds it. */
  acquire(): Promise<boolean>;
  /** Whether this process held the lease the last time it looked. */
  readonly held: boolean;
  release(): Promise<void>;
}

export interface ReadModelDb extends SqlRunner {
  readonly dialect: SqlDialect;
  /**
   * Runs `work` in one transaction: all of its statements are committed, or none. Readers of the
   * same database never see a transaction half done.
   */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /**
   * Runs `work`'s reads in one read-only transaction: they all see the read models as one commit left
   * them, so a projector's batch that commits meanwhile is wholly outside what they read, and they pay
   * for one transaction rather than one each (SQLite: a deferred BEGIN on the reading connection;
   * PostgreSQL: REPEATABLE READ READ ONLY on one client). For a query made of several statements whose
   * rows must agree, such as one employer's arrears.
   */
  readTransaction<T>(work: (reader: SqlRunner) => Promise<T>): Promise<T>;
  /**
   * Runs `work`, a rebuild that writes every table from empty, with the database tuned for one long
   * load instead of many small commits (SQLite: a larger page cache and fewer WAL checkpoints).
   */
  duringRebuild<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Computes the derived summaries a rebuild suspended and turns them back on, where the database
   * has a faster way than ReadModelStore's one transaction of restoreSummariesSql (SQLite: part of it
   * on a second thread). Optional: without it the store runs that transaction.
   */
  restoreSummaries?(): Promise<void>;
  /** Resolves once the database answers and its schema is up to date (PostgreSQL connects lazily). */
  ready(): Promise<void>;
  /** The lease of the projector of these read models (see ProjectionLease). */
  projectionLease(): ProjectionLease;
  close(): Promise<void>;
}

/** A lease for a database only one process can write: this process always holds it. */
export function soleLease(): ProjectionLease {
  return { held: true, acquire: async () => true, release: async () => undefined };
}
