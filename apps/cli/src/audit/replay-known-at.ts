import type { EventStore } from '#event-store';
import type { ReadModelAreas, ReadModelQueries } from '#read-models';
import { knownAtSource, withScratchReadModels } from '#runtime';

/**
 * Replays the events recorded up to `knownAt` into scratch read models in a temp file and answers
 * `use` from them; the live read models are neither read nor written.
 */
export function replayKnownAt<T>(store: EventStore, areas: ReadModelAreas, knownAt: string, use: (queries: ReadModelQueries) => T): Promise<T> {
  return withScratchReadModels(knownAtSource(store, knownAt), areas, use, 'file');
}

/** An ISO 8601 instant with its zone (a bare date means its midnight UTC), normalised; undefined if it is not one. */
export function parseInstant(text: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(text)) return undefined;
  const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
