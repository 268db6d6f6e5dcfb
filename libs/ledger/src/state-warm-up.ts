import type { StreamKind } from '#domain';
import type { EventStore, StreamSize } from '#event-store';
import { STREAM_OVERHEAD_EVENTS, type StreamStates } from './stream-states.js';
import { WARM_UP_MAX_EVENTS as MAX_WARM_EVENTS } from '#runtime/tunables';

/** A store that offers the port's optional `streamSizesSync` (the SQLite store keeps its stream heads in one table). */
export type SizedStore = EventStore & { streamSizesSync(): StreamSize[] };

export function offersStreamSizes(store: EventStore): store is SizedStore {
  return typeof store.streamSizesSync === 'function';
}

export interface WarmUpOptions {
  /** Share of the cache's capacity (in events) the warm-up may fill; the rest stays for what commands load. */
  share?: number;
  /** At most this many events are folded, whatever the capacity (MAX_WARM_EVENTS by default). */
  maxEvents?: number;
  /** Streams loaded between two turns of the event loop. */
  sliceSize?: number;
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
export async function warmStreamStates(states: StreamStates, store: Pick<SizedStore, 'streamSizesSync'>, options: WarmUpOptions = {}): Promise<number> {
  const sliceSize = options.sliceSize ?? 100;
  const budget = Math.min(Math.floor(states.capacity * (options.share ?? 0.6)), options.maxEvents ?? MAX_WARM_EVENTS);
  const chosen = chooseStreams(store.streamSizesSync(), budget);
  let loaded = 0;
  for (const streamId of chosen) {
    if (options.signal?.aborted) break;
    await states.load(streamId);
    if (++loaded % sliceSize === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return loaded;
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
