import type { EventStore, LogPosition, RecordedEvent } from './event-store.port.js';

export interface IterateAllOptions {
  fromPosition?: LogPosition;
  batchSize?: number;
  types?: string[];
}

/**
 * The global log as lazy pages, for any adapter: each page is read when the consumer asks for it, so a
 * projection catch-up or an export walks the whole log in bounded memory. Ends at the first page shorter
 * than `batchSize`; events committed after that are for the next call.
 */
export async function* iterateAll(store: EventStore, options: IterateAllOptions = {}): AsyncGenerator<RecordedEvent[]> {
  const batchSize = options.batchSize ?? 1000;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  let from = options.fromPosition ?? 1;
  for (;;) {
    const page = await store.readAll({ fromPosition: from, limit: batchSize, types: options.types });
    if (page.length > 0) yield page;
    if (page.length < batchSize) return;
    from = page[page.length - 1]!.position + 1;
  }
}
