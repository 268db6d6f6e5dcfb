import { join } from 'node:path';
import { lateInterest as domainLateInterest } from '#domain';
import type { IsoDate } from '#domain';
import type { LateInterestRule, ReadModelAreas, RebuildSourceFor } from './ports.js';
import { servingGeneration } from './generations.js';
import { Projector } from './projection/projector.js';
import { ReadModelQueries } from './read-model-queries.js';
import { ReadModelStore } from './database/read-model-store.js';

/** The read side, wired: its store, the projector that fills it and the queries that read it. */
export interface ReadModels {
  store: ReadModelStore;
  projector: Projector;
  queries: ReadModelQueries;
  /** Resolves once the store answers and its schema is up to date (PostgreSQL connects lazily). */
  ready(): Promise<void>;
  /** Stops the projector's polling (giving up its lease) and closes the store. */
  close(): Promise<void>;
}

export const READ_MODELS_FILE = 'read-models.sqlite';

export interface OpenReadModelsOptions {
  lateInterest?: LateInterestRule;
  today?: () => IsoDate;
  /** `SOCAI_READ_MODELS`: `sqlite` (the default: a file in the data dir) or a `postgres://…` URL. */
  location?: string;
  /** The SQLite file, instead of `<dataDir>/read-models.sqlite` (`:memory:` for a throwaway store). */
  file?: string;
  /** The PostgreSQL schema ('public' by default). */
  schema?: string;
  /** How often an instance without the projector lease tries for it (PostgreSQL). */
  leaseRetryMs?: number;
  /** Where the projector's polling errors go. */
  onError?: (error: unknown) => void;
  /** A faster reader of the log for rebuilds (see ProjectorOptions). */
  rebuildSource?: RebuildSourceFor;
}

/** Whether `SOCAI_READ_MODELS` names a PostgreSQL database. */
export function isPostgresLocation(location: string | undefined): location is string {
  return location !== undefined && /^postgres(ql)?:\/\//.test(location);
}

/** The store `location` names: a SQLite file, or a PostgreSQL database. */
export function openReadModelStore(dataDir: string, options: Pick<OpenReadModelsOptions, 'location' | 'file' | 'schema'> = {}): ReadModelStore {
  const location = options.location ?? 'sqlite';
  if (isPostgresLocation(location)) return ReadModelStore.connect({ url: location, schema: options.schema });
  if (location !== 'sqlite') throw new Error(`SOCAI_READ_MODELS=${location}: expected sqlite or a postgres:// URL`);
  return ReadModelStore.open(options.file ?? join(dataDir, servingGeneration(dataDir)));
}

/**
 * Opens the read models: embedded in the serving generation (`<dataDir>/read-models.sqlite` unless an
 * online rebuild switched to another, generations.ts), or in the PostgreSQL database
 * of `options.location`. The caller starts the projector (`projector.start(eventStore, ms)`) or
 * catches up once (`projector.catchUp(eventStore)`).
 */
export function openReadModels(dataDir: string, areas: ReadModelAreas, options: OpenReadModelsOptions = {}): ReadModels {
  const store = openReadModelStore(dataDir, options);
  const projector = new Projector(store, areas, options.onError, { leaseRetryMs: options.leaseRetryMs, rebuildSource: options.rebuildSource });
  const queries = new ReadModelQueries(store.db, {
    areas,
    lateInterest: options.lateInterest ?? ((input) => domainLateInterest(input)),
    today: options.today,
  });
  return {
    store,
    projector,
    queries,
    ready: () => store.ready(),
    async close() {
      await projector.stop();
      await store.close();
    },
  };
}
