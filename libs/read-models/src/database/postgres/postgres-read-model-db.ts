import pg from 'pg';
import type { ReadModelDb, SqlDialect, SqlParam, SqlRunner, SqlStatement } from '../read-model-db.js';
import { restoreSummariesSql, SUSPENDED_TABLE } from '../../projection/summaries-suspension.js';
import { MIGRATIONS_TABLE, MIGRATIONS_TABLE_SQL, pendingMigrations, sqlFor } from '../migrations.js';
import { AdvisoryLockLease, lockKeyOf } from './advisory-lock-lease.js';
import { withMultiRowInserts } from './multi-row-inserts.js';
import { numberedPlaceholders } from './placeholders.js';

export const postgresDialect: SqlDialect = {
  name: 'postgres',
  // Amounts are NUMERIC(20,0): PostgreSQL sums them exactly and the text form carries every digit.
  sumMoney: (column) => `CAST(COALESCE(SUM(${column}), 0) AS TEXT)`,
  emptyTables: (tables) => [`TRUNCATE ${tables.join(', ')}`],
};

const INT8_OID = 20;

/**
 * Counts and log positions come back from PostgreSQL as BIGINT, which `pg` gives as strings; they
 * are whole numbers far below 2^53, so they become numbers, and one that is not refuses to.
 * NUMERIC (money) stays a string.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID) {
      return (value: string) => {
        const n = Number(value);
        if (!Number.isSafeInteger(n)) throw new Error(`BIGINT ${value} is not a safe integer`);
        return n;
      };
    }
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** A query whose rows come back as arrays of their columns (`pg`'s row mode 'array'), parsed by the same types. */
function rawQuery(sql: string, params: readonly SqlParam[]): pg.QueryArrayConfig<SqlParam[]> {
  return { text: numberedPlaceholders(sql), values: params as SqlParam[], rowMode: 'array' };
}

export interface PostgresReadModelOptions {
  /** `postgres://user:password@host:port/database` */
  url: string;
  /** The schema that holds the read models ('public' by default); instances sharing it share the projector lease. */
  schema?: string;
  /** Connections for queries; the projector lease takes one more. */
  poolSize?: number;
}

/**
 * The read models in PostgreSQL, shared by every API instance pointed at the same database and
 * schema: all of them answer queries, one at a time projects (see AdvisoryLockLease). Opening is
 * synchronous; the connection and the migrations happen on first use, and `ready()` waits for them.
 */
export class PostgresReadModelDb implements ReadModelDb {
  readonly dialect = postgresDialect;
  readonly schema: string;
  private readonly pool: pg.Pool;
  private readonly clientConfig: pg.ClientConfig;
  private readonly migrated: Promise<void>;

  constructor(options: PostgresReadModelOptions) {
    this.schema = options.schema ?? 'public';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(this.schema)) throw new Error(`read-model schema "${this.schema}": use lower-case letters, digits and _`);
    this.clientConfig = { connectionString: options.url, types, options: `-c search_path=${this.schema}` };
    this.pool = new pg.Pool({ ...this.clientConfig, max: options.poolSize ?? 10 });
    // An idle connection that breaks is replaced by the pool; the error must not crash the process.
    this.pool.on('error', () => undefined);
    this.migrated = this.migrate();
    this.migrated.catch(() => undefined);
  }

  /** Resolves once the database answers and its schema is up to date; rejects with why not. */
  ready(): Promise<void> {
    return this.migrated;
  }

  async query<T>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
    await this.migrated;
    return (await this.pool.query(numberedPlaceholders(sql), params as SqlParam[])).rows as T[];
  }

  async queryRaw<T extends readonly unknown[]>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
    await this.migrated;
    return (await this.pool.query<T>(rawQuery(sql, params))).rows;
  }

  async queryOne<T>(sql: string, params?: readonly SqlParam[]): Promise<T | undefined> {
    return (await this.query<T>(sql, params))[0];
  }

  async execute(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    await this.migrated;
    return (await this.pool.query(numberedPlaceholders(sql), params as SqlParam[])).rowCount ?? 0;
  }

  /** In one transaction, since PostgreSQL may get several statements for one call. */
  executeAll(statements: readonly SqlStatement[]): Promise<void> {
    return this.transaction((tx) => tx.executeAll(statements));
  }

  async transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    await this.migrated;
    return this.inTransaction(work);
  }

  /**
   * REPEATABLE READ takes its snapshot at the first statement and keeps it to the end, so every
   * statement on the one client sees the same commits; READ ONLY lets PostgreSQL skip a write's
   * bookkeeping. One BEGIN and one COMMIT replace a transaction per statement.
   */
  async readTransaction<T>(work: (reader: SqlRunner) => Promise<T>): Promise<T> {
    await this.migrated;
    return this.inTransaction(work, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  /** Nothing to tune: each batch is a few multi-row inserts already, and PostgreSQL checkpoints on its own. */
  duringRebuild<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  projectionLease(): AdvisoryLockLease {
    return new AdvisoryLockLease(this.clientConfig, this.schema);
  }

  async close(): Promise<void> {
    await this.migrated.catch(() => undefined);
    await this.pool.end();
  }

  private async inTransaction<T>(work: (tx: SqlRunner) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const client = await this.pool.connect();
    const tx: SqlRunner = {
      query: async <R>(sql: string, params: readonly SqlParam[] = []) =>
        (await client.query(numberedPlaceholders(sql), params as SqlParam[])).rows as R[],
      queryRaw: async <R extends readonly unknown[]>(sql: string, params: readonly SqlParam[] = []) =>
        (await client.query<R>(rawQuery(sql, params))).rows,
      queryOne: async <R>(sql: string, params: readonly SqlParam[] = []) =>
        (await client.query(numberedPlaceholders(sql), params as SqlParam[])).rows[0] as R | undefined,
      execute: async (sql: string, params: readonly SqlParam[] = []) =>
        (await client.query(numberedPlaceholders(sql), params as SqlParam[])).rowCount ?? 0,
      executeAll: async (statements: readonly SqlStatement[]) => {
        for (const { sql, params } of withMultiRowInserts(statements)) await client.query(sql, params as SqlParam[]);
      },
    };
    let broken: Error | undefined;
    // A checked-out client has no error listener of the pool's: a connection that ends between two
    // statements (a server restart, pg_terminate_backend) would otherwise be an unhandled 'error'
    // event that ends the process. The next statement rejects, and the client is thrown away.
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query(begin);
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  /**
   * Creates the schema and applies the migrations it lacks, each with its record, and restores the
   * summaries a rebuild left suspended (it stopped midway), in one transaction, before anything
   * reads. Instances that start together take turns on a transaction-level advisory lock.
   */
  private async migrate(): Promise<void> {
    await this.inTransaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [0x50ca2, lockKeyOf(this.schema)]);
      await tx.execute(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await tx.execute(MIGRATIONS_TABLE_SQL);
      const applied = await tx.query<{ version: number }>(`SELECT version FROM ${MIGRATIONS_TABLE}`);
      for (const migration of pendingMigrations(applied.map((row) => row.version))) {
        await tx.execute(sqlFor(migration.sql, 'postgres'));
        await tx.execute(`INSERT INTO ${MIGRATIONS_TABLE} (version, name, applied_at) VALUES (?, ?, ?)`, [
          migration.version, migration.name, new Date().toISOString(),
        ]);
      }
      if (await tx.queryOne(`SELECT 1 FROM ${SUSPENDED_TABLE} LIMIT 1`)) {
        for (const sql of restoreSummariesSql('postgres')) await tx.execute(sql);
      }
    });
  }
}
