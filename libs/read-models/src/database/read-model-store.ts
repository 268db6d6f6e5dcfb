import { randomUUID } from 'node:crypto';

import type { ProjectionLease, ReadModelDb } from './read-model-db.js';
import { PostgresReadModelDb, type PostgresReadModelOptions } from './postgres/postgres-read-model-db.js';
import { restoreSummariesSql, suspendSummariesSql } from '../projection/summaries-suspension.js';
import { GENERATION_TABLE } from './generation.js';
import { READ_MODEL_TABLES } from './migrations.js';
import { SqliteReadModelDb } from './sqlite/sqlite-read-model-db.js';

/**
 * Where the read models live — an embedded SQLite file or a shared PostgreSQL schema — and the
 * checkpoint that says how far into the log they are. The same tables and SQL on both.
 */
export class ReadModelStore {
  constructor(readonly db: ReadModelDb) {}

  /** The embedded store: a SQLite file (created if needed), or `:memory:` for a throwaway one. */
  static open(file: string): ReadModelStore {
    return new ReadModelStore(SqliteReadModelDb.open(file));
  }

  /** A PostgreSQL store; the connection and migrations happen on first use (`ready()` waits for them). */
  static connect(options: PostgresReadModelOptions): ReadModelStore {
    return new ReadModelStore(new PostgresReadModelDb(options));
  }

  /** Resolves once the store answers and its schema is up to date. */
  async ready(): Promise<void> {
    await this.db.ready();
  }

  /** The position of the last event whose effect the read models hold; 0 before the first. */
  async checkpoint(): Promise<number> {
    const row = await this.db.queryOne<{ position: number }>('SELECT position FROM checkpoint WHERE id = 1');
    return Number(row!.position);
  }

  /**
   * Whether a migration asked for the read models to be computed again from the log (a change of
   * layout that the rows already written cannot be brought to: migrations.ts, version 7). A rebuild's
   * reset empties the request with the read models.
   */
  async rebuildRequested(): Promise<boolean> {
    return (await this.db.queryOne('SELECT 1 AS requested FROM rebuild_requests LIMIT 1')) !== undefined;
  }

  /**
   * Empties every read model and sets the checkpoint back to 0, in one transaction. With
   * `suspendSummaries` (a rebuild), the same transaction turns the derived summaries' triggers off
   * and leaves the marker that has the next open restore them, should `restoreSummaries` never run.
   */
  async reset(options: { suspendSummaries?: boolean } = {}): Promise<void> {
    const dialect = this.db.dialect.name;
    await this.db.transaction(async (tx) => {
      for (const sql of this.db.dialect.emptyTables(READ_MODEL_TABLES)) await tx.execute(sql);
      await tx.execute('UPDATE checkpoint SET position = 0 WHERE id = 1');
      await tx.execute(`UPDATE ${GENERATION_TABLE} SET token = ? WHERE id = 1`, [randomUUID()]);
      if (options.suspendSummaries) {
        for (const { sql, params } of suspendSummariesSql(dialect)) await tx.execute(sql, params);
      }
    });
  }

  /** Computes the derived summaries from the facts and turns their triggers back on, in one transaction. */
  async restoreSummaries(): Promise<void> {
    if (this.db.restoreSummaries) return this.db.restoreSummaries();
    const dialect = this.db.dialect.name;
    await this.db.transaction(async (tx) => {
      for (const sql of restoreSummariesSql(dialect)) await tx.execute(sql);
    });
  }

  /** The projector's lease: always held on SQLite, an advisory lock on PostgreSQL. */
  projectionLease(): ProjectionLease {
    return this.db.projectionLease();
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
