import { join } from 'node:path';
import { lateInterest as domainLateInterest } from '#domain';
import type { IsoDate } from '#domain';
import type { LateInterestRule, ReadModelAreas } from './ports.js';
import { Projector } from './projection/projector.js';
import { ReadModelQueries } from './queries/read-model-queries.js';
import { ReadModelStore } from './sqlite/read-model-store.js';

/** The read side, wired: its store, the projector that fills it and the queries that read it. */
export interface ReadModels {
  store: ReadModelStore;
  projector: Projector;
  queries: ReadModelQueries;
  /** Stops the projector's polling and closes the file. */
  close(): Promise<void>;
}

export const READ_MODELS_FILE = 'read-models.sqlite';

/**
 * Opens the embedded read models in `<dataDir>/read-models.sqlite`. The caller starts the
 * projector (`projector.start(eventStore, ms)`) or catches up once (`projector.catchUp(eventStore)`).
 */
export function openReadModels(
  dataDir: string,
  areas: ReadModelAreas,
  options: { lateInterest?: LateInterestRule; today?: () => IsoDate; file?: string } = {},
): ReadModels {
  const store = ReadModelStore.open(options.file ?? join(dataDir, READ_MODELS_FILE));
  const projector = new Projector(store, areas);
  const queries = new ReadModelQueries(store.db, {
    areas,
    lateInterest: options.lateInterest ?? ((input) => domainLateInterest(input)),
    today: options.today,
  });
  return {
    store,
    projector,
    queries,
    async close() {
      await projector.stop();
      store.close();
    },
  };
}
