import type { StreamKind } from '#domain';
import type { EventStore, StreamSize } from '#event-store';
import { STREAM_OVERHEAD_EVENTS, type StreamStates } from './stream-states.js';
import { WARM_UP_MAX_EVENTS as MAX_WARM_EVENTS } from '#runtime/tunables';

/** A store that offers the port's optional `streamSizesSync` (the SQLite store keeps its stream heads in one table). */
export type SizedStore = EventStore & { streamSizesSync(): StreamSize[] };

export function offersStreamSizes(store: EventStore): store is SizedStore {
  return typeof store.streamSizesSync === 'function';
}

/** The listing the warm-up reads: whole, or a page at a time where the store offers pages. */
type WarmUpListing = Pick<SizedStore, 'streamSizesSync'> & Pick<EventStore, 'streamSizesBetweenSync'>;

export interface WarmUpOptions {
  /** Share of the cache's capacity (in events) the warm-up may fill; the rest stays for what commands load. */
  share?: number;
  /** At most this many events are folded, whatever the capacity (MAX_WARM_EVENTS by default). */
  maxEvents?: number;
  /** Streams loaded between two turns of the event loop. */
  sliceSize?: number;
  /** Streams listed between two turns of the event loop, where the store lists a page at a time. */
  listingPageSize?: number;
  /** Stops at the next slice (a server shutting down). */
  signal?: AbortSignal;
}


/**
 * Kinds warmed first: an employer's stream takes the most commands (every month's assessment and
 * collections), then the other kinds; persons last (many streams, each rarely written to).
 */
const WARM_ORDER: readonly StreamKind[] = ['employer', 'payout', 'plan', 'facility', 'person'];

/**
 * Loads the decision states of the streams most likely to be written to into the cache, before
 * commands need them: a fresh server otherwise reads each stream on its first command, which took a
 * good share of a loaded server's CPU and made a cold server answer much slower than a warm one
 * (docs/benchmarks.md, 'state warm-up'). Each state is loaded exactly as a command would load it
 * (`StreamStates.load`), so a warmed state is the state a cold load gives. Bounded by a share of the
 * cache's capacity, so its cost does not grow with the log. Yields between slices. Answers the number
 * of streams loaded.
 */
export async function warmStreamStates(states: StreamStates, store: WarmUpListing, options: WarmUpOptions = {}): Promise<number> {
  const sliceSize = options.sliceSize ?? 100;
  const budget = Math.min(Math.floor(states.capacity * (options.share ?? 0.6)), options.maxEvents ?? MAX_WARM_EVENTS);
  const chosen = store.streamSizesBetweenSync
    ? await chooseStreamsByPages(store as Required<WarmUpListing>, budget, options)
    : chooseStreams(store.streamSizesSync(), budget);
  let loaded = 0;
  for (const streamId of chosen) {
    if (options.signal?.aborted) break;
    await states.load(streamId);
    if (++loaded % sliceSize === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return loaded;
}

/**
 * `chooseStreams` over the listing read a page at a time, each kind's ids in order, yielding between
 * pages: the same choice, without the sort, and without holding the event loop for the whole listing.
 * Read at once, the listing and its sort held a server that had just started listening for a time
 * that grows with the number of streams (docs/benchmarks.md, "Start-up time, continued").
 */
export async function chooseStreamsByPages(store: Pick<Required<WarmUpListing>, 'streamSizesBetweenSync'>, budget: number, options: Pick<WarmUpOptions, 'listingPageSize' | 'signal'> = {}): Promise<string[]> {
  const pageSize = options.listingPageSize ?? 2_000;
  const chosen: string[] = [];
  let total = 0;
  for (const kind of WARM_ORDER) {
    // Every id of the kind (`<kind>-…`) lies between these two: '.' follows '-'.
    let after = `${kind}-`;
    const before = `${kind}.`;
    // No stream weighs less than one event and its overhead: past that, nothing more fits.
    while (budget - total > STREAM_OVERHEAD_EVENTS && !options.signal?.aborted) {
      const page = store.streamSizesBetweenSync(after, before, pageSize);
      for (const { streamId, events } of page) {
        const weight = events + STREAM_OVERHEAD_EVENTS;
        if (total + weight > budget) continue;
        chosen.push(streamId);
        total += weight;
      }
      if (page.length < pageSize) break;
      after = page[page.length - 1].streamId;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return chosen;
}

/** Stream ids in warm order whose weights in the cache together fit `budget`; a stream that does not fit is skipped. */
export function chooseStreams(sizes: StreamSize[], budget: number): string[] {
  const rank = (streamId: string) => {
    const index = WARM_ORDER.indexOf(streamId.slice(0, streamId.indexOf('-')) as StreamKind);
    return index < 0 ? WARM_ORDER.length : index;
  };
  const ordered = sizes
    .map((size) => ({ ...size, rank: rank(size.streamId) }))
    .filter((size) => size.rank < WARM_ORDER.length)
    .sort((a, b) => a.rank - b.rank || (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
  const chosen: string[] = [];
  let total = 0;
  for (const { streamId, events } of ordered) {
    const weight = events + STREAM_OVERHEAD_EVENTS; // as the cache will count it
    if (total + weight > budget) continue;
    chosen.push(streamId);
    total += weight;
  }
  return chosen;
}
