import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IsoDate } from '#domain';
import { startPostgres, type PostgresCluster } from '../../../../test/support/postgres.js';
import { Projector, type ProjectorOptions } from '../projection/projector.js';
import { ReadModelQueries } from '../read-model-queries.js';
import { ReadModelStore } from '../database/read-model-store.js';
import { EventLog, realLateInterest, referenceAreas } from './event-log.js';

const areas = referenceAreas();

export type StoreKind = 'sqlite' | 'postgres';
export const STORE_KINDS: readonly StoreKind[] = ['sqlite', 'postgres'];

/** A read-model store with its projector and queries, fed from an in-memory log. */
export interface ReadModelsHarness {
  store: ReadModelStore;
  projector: Projector;
  queries: ReadModelQueries;
  areas: typeof areas;
  project(log: EventLog, batchSize?: number): Promise<number>;
  close(): Promise<void>;
}

function harnessOver(store: ReadModelStore, today: IsoDate, options?: ProjectorOptions): ReadModelsHarness {
  const projector = new Projector(store, areas, undefined, options);
  const queries = new ReadModelQueries(store.db, { areas, lateInterest: realLateInterest, today: () => today });
  return {
    store, projector, queries, areas,
    project: (log, batchSize) => projector.catchUp(log, { batchSize }),
    async close() {
      await projector.stop();
      await store.close();
    },
  };
}

/** A throwaway SQLite read-model store (in memory unless `file` is given). */
export function readModelsHarness(today: IsoDate = '2021-06-30', file = ':memory:'): ReadModelsHarness {
  return harnessOver(ReadModelStore.open(file), today);
}

/** Opens harnesses on one kind of store; each is closed after the test that opened it. */
export interface StoreFactory {
  kind: StoreKind;
  /**
   * A harness on a store called `name`: the same name within a test opens the same store again (a
   * restart); without a name, a fresh empty store.
   */
  harness(options?: { today?: IsoDate; name?: string; leaseRetryMs?: number }): Promise<ReadModelsHarness>;
  /** The PostgreSQL cluster of the suite (postgres only). */
  cluster(): PostgresCluster;
  /** The database URL of the suite (postgres only). */
  url(): string;
}

/**
 * Runs `suite` once on SQLite and once on PostgreSQL, so both stores pass the same specs. The
 * PostgreSQL runs start a throwaway cluster for the file (test/support/postgres.ts) with one
 * database, and give every store a schema of its own in it.
 */
export function describeEachStore(title: string, suite: (stores: StoreFactory) => void): void {
  describe.each(STORE_KINDS)(`${title} [%s]`, (kind) => {
    let cluster: PostgresCluster | undefined;
    let url = '';
    let dir = '';
    let opened: ReadModelsHarness[] = [];
    let fresh = 0;
    let test = 0;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'socai-read-models-'));
      if (kind === 'postgres') {
        cluster = await startPostgres();
        url = await cluster.createDatabase('read_models');
      }
    }, 60_000);
    beforeEach(() => {
      test += 1;
    });
    afterEach(async () => {
      const closing = opened;
      opened = [];
      for (const h of closing) await h.close().catch(() => undefined);
    });
    afterAll(async () => {
      await cluster?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    suite({
      kind,
      async harness({ today = '2021-06-30', name, leaseRetryMs } = {}) {
        const id = `t${test}_${name ?? `fresh${++fresh}`}`;
        const store =
          kind === 'sqlite'
            ? ReadModelStore.open(name ? join(dir, `${id}.sqlite`) : ':memory:')
            : ReadModelStore.connect({ url, schema: id.toLowerCase().replace(/[^a-z0-9_]/g, '_'), poolSize: 4 });
        await store.ready();
        const h = harnessOver(store, today, { leaseRetryMs });
        opened.push(h);
        return h;
      },
      cluster() {
        if (!cluster) throw new Error('no PostgreSQL cluster in a SQLite suite');
        return cluster;
      },
      url() {
        return url;
      },
    });
  });
}
