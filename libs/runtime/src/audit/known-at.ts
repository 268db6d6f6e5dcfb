import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadAllOptions, RecordedEvent } from '#event-store';
import { openReadModels, type EventSource, type ReadModelAreas, type ReadModelQueries } from '#read-models';

/**
 * "What the ledger said then": the read models rebuilt from only the events recorded up to an instant,
 * in a scratch store of their own. The live read models are never touched.
 */

/** True when the event was recorded at or before `knownAt` (an ISO 8601 instant). */
export function recordedBy(knownAtMs: number): (event: RecordedEvent) => boolean {
  return (event) => Date.parse(event.metadata.recordedAt) <= knownAtMs;
}

/**
 * The log as it stood at `knownAt`: pages of `source` with later events left out. A page that filters
 * to nothing is followed by the next, since the projector stops at the first empty page.
 */
export function knownAtSource(source: EventSource, knownAt: string): EventSource {
  const keep = recordedBy(Date.parse(knownAt));
  return {
    async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
      const limit = options.limit ?? 2_000;
      let from = options.fromPosition ?? 1;
      for (;;) {
        const page = await source.readAll({ ...options, fromPosition: from, limit });
        const kept = page.filter(keep);
        if (kept.length > 0 || page.length < limit) return kept;
        from = page[page.length - 1]!.position + 1;
      }
    },
  };
}

/** An array of events (one stream, say) as a source the projector can read. */
export function arraySource(events: readonly RecordedEvent[]): EventSource {
  return {
    async readAll({ fromPosition = 1, limit = Number.MAX_SAFE_INTEGER }: ReadAllOptions): Promise<RecordedEvent[]> {
      return events.filter((event) => event.position >= fromPosition).slice(0, limit);
    },
  };
}

/**
 * Projects `source` into scratch read models and answers `use` from them. `scratch: 'memory'` keeps them
 * in memory (one stream's worth); `'file'` uses a temp file (a whole log's worth), removed afterwards.
 */
export async function withScratchReadModels<T>(
  source: EventSource,
  areas: ReadModelAreas,
  use: (queries: ReadModelQueries) => T | Promise<T>,
  scratch: 'memory' | 'file' = 'file',
): Promise<T> {
  const dir = scratch === 'file' ? mkdtempSync(join(tmpdir(), 'socai-replay-')) : undefined;
  const readModels = openReadModels(dir ?? tmpdir(), areas, { file: dir ? join(dir, 'replay.sqlite') : ':memory:' });
  try {
    await readModels.projector.catchUp(source);
    return await use(readModels.queries);
  } finally {
    await readModels.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
