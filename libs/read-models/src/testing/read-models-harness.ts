import type { IsoDate } from '#domain';
import { Projector } from '../projection/projector.js';
import { ReadModelQueries } from '../queries/read-model-queries.js';
import { ReadModelStore } from '../sqlite/read-model-store.js';
import { EventLog, realLateInterest, referenceAreas } from './event-log.js';

const areas = referenceAreas();

/** A throwaway read-model store with its projector and queries, fed from an in-memory log. */
export function readModelsHarness(today: IsoDate = '2021-06-30', file = ':memory:') {
  const store = ReadModelStore.open(file);
  const projector = new Projector(store, areas);
  const queries = new ReadModelQueries(store.db, { areas, lateInterest: realLateInterest, today: () => today });
  return { store, projector, queries, areas, project: (log: EventLog, batchSize?: number) => projector.catchUp(log, { batchSize }) };
}
