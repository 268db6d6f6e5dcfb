import { evolveStream, initialStateFor, type StoredFact, type StreamState } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import { STATE_CACHE_EVENTS } from '#runtime/tunables';
import { PackedFactIndex } from './states/packed-fact-index.js';

export interface LoadedStream {
  state: StreamState;
  /** Revision of the last event folded in; -1 for a stream with no events. */
  revision: number;
}

export function toFact(event: RecordedEvent): StoredFact {
  return { eventId: event.eventId, type: event.type, data: event.data, revision: event.revision, position: event.position } as StoredFact;
}

/**
 * Folds streams into decision states and keeps many of them in memory. A cached state is only a
 * guess about the store: the append's expected revision proves it, and a conflict drops it.
 *
 * Bounded by the events the states hold (a state grows with its stream). When full it evicts a
 * random state among those not touched recently, not the least recently used one: a bulk import
 * visits its streams in cycles (every employer, every month), and an LRU smaller than the cycle
 * misses on every line, re-reading each stream from the store (docs/benchmarks.md, 'state cache
 * eviction'). Random
 * eviction keeps about capacity/working-set of the hits. The recently touched states (an import
 * batch's, whose events are not committed yet) are never evicted.
 */
export class StreamStates {
  private readonly entries = new Map<string, Entry>();
  /** The cached stream ids, for picking one at random (an entry knows its slot). */
  private readonly ids: string[] = [];
  /** What the cached states weigh, in folded events (weightOf): what their memory grows with. */
  private eventsHeld = 0;
  private clock = 0;
  private random = 0x9e3779b9;
  /**
   * While set (a bulk import), the streams that may hold events: those the store had when the import
   * began and every stream written since. Any other stream is known to be empty, so loading it reads
   * nothing (a fresh import spent a good share of its time reading streams that did not exist yet:
   * docs/benchmarks.md, 'streams not yet written').
   */
  private mayExist?: Set<string>;

  constructor(
    private readonly store: EventStore,
    /** Folded events the cached states may hold together (weightOf); SOCAI_STATE_CACHE_EVENTS; what one
     * weighs: docs/benchmarks.md, 'state cache weight'. */
    readonly capacity: number = STATE_CACHE_EVENTS,
    /** States touched within this many loads are kept: a 1,000-command import batch touches ≤ 4,000. */
    private readonly protectedTouches = 8_192,
  ) {}

  async load(streamId: string): Promise<LoadedStream> {
    const cached = this.entries.get(streamId);
    if (cached) {
      cached.touched = ++this.clock;
      return cached.loaded;
    }
    // Cached states hold their facts packed: the cache's memory grows with them (states/packed-fact-index.ts).
    let loaded: LoadedStream = { state: initialStateFor(streamId, new PackedFactIndex()), revision: -1 };
    if (this.mayExist === undefined || this.mayExist.has(streamId)) loaded = this.fold(loaded, await this.store.readStream(streamId));
    this.remember(streamId, loaded);
    return loaded;
  }

  /**
   * Trusts `existing` (every stream the store holds now) as the only streams with events, besides
   * those this process writes from now on. Only for a writer that sees every other writer's effect
   * as a conflict: the append's expected revision (`no_stream`) refuses a stream another process
   * created meanwhile, and `forget` after that conflict makes the stream be read again.
   */
  trustExistingStreams(existing: Iterable<string>): void {
    this.mayExist = new Set(existing);
  }

  /** Reads every stream not cached again (the end of an import, or a conflict with another writer). */
  distrustExistingStreams(): void {
    this.mayExist = undefined;
  }

  /** Folds freshly appended events into a state the caller loaded from here. */
  advance(streamId: string, loaded: LoadedStream, events: RecordedEvent[]): LoadedStream {
    const next = this.fold(loaded, events);
    this.remember(streamId, next);
    return next;
  }

  /** What the cached states weigh, in folded events (their events plus each stream's overhead). */
  get held(): number {
    return this.eventsHeld;
  }

  forget(streamId: string): void {
    // Forgotten after a conflict: another writer may have created it, so it is read next time.
    this.mayExist?.add(streamId);
    this.drop(streamId);
  }

  private drop(streamId: string): void {
    const entry = this.entries.get(streamId);
    if (!entry) return;
    this.eventsHeld -= weightOf(entry.loaded);
    this.entries.delete(streamId);
    // Swap-remove from the id list, telling the moved entry its new slot.
    const last = this.ids.pop()!;
    if (last !== streamId) {
      this.ids[entry.slot] = last;
      this.entries.get(last)!.slot = entry.slot;
    }
  }

  clear(): void {
    this.mayExist = undefined;
    this.entries.clear();
    this.ids.length = 0;
    this.eventsHeld = 0;
  }

  private fold(loaded: LoadedStream, events: RecordedEvent[]): LoadedStream {
    let { state, revision } = loaded;
    for (const event of events) {
      state = evolveStream(state, toFact(event));
      revision = event.revision;
    }
    return { state, revision };
  }

  private remember(streamId: string, loaded: LoadedStream): void {
    if (loaded.revision >= 0) this.mayExist?.add(streamId);
    const touched = ++this.clock;
    const entry = this.entries.get(streamId);
    if (entry) {
      this.eventsHeld += weightOf(loaded) - weightOf(entry.loaded);
      entry.loaded = loaded;
      entry.touched = touched;
    } else {
      this.entries.set(streamId, { loaded, slot: this.ids.length, touched });
      this.ids.push(streamId);
      this.eventsHeld += weightOf(loaded);
    }
    while (this.eventsHeld > this.capacity && this.entries.size > 1) this.drop(this.victim());
  }

  /**
   * A random state outside the protected window; failing a few draws (a small cache, or one full of
   * recent states), the least recently touched of those drawn. Never the state just remembered.
   */
  private victim(): string {
    let oldest: string | undefined;
    let oldestTouched = Infinity;
    const draws = Math.min(16, this.entries.size * 2);
    for (let draw = 0; draw < draws; draw++) {
      const id = this.ids[this.nextRandom() % this.ids.length]!;
      const { touched } = this.entries.get(id)!;
      if (touched === this.clock) continue;
      if (touched < this.clock - this.protectedTouches) return id;
      if (touched < oldestTouched) [oldest, oldestTouched] = [id, touched];
    }
    if (oldest !== undefined) return oldest;
    // Two entries and the draws kept hitting the new one: the other is the only choice.
    return this.ids.find((id) => this.entries.get(id)!.touched !== this.clock)!;
  }

  /** xorshift32: a fixed sequence, so that an import behaves the same on every run. */
  private nextRandom(): number {
    let x = this.random;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.random = x >>> 0;
    return this.random;
  }
}

interface Entry {
  loaded: LoadedStream;
  /** Index in `ids`. */
  slot: number;
  /** The load count when last touched. */
  touched: number;
}

/**
 * What a cached state weighs, in folded events: its events, plus the stream's own objects (its
 * entry, state and fact index), which weigh about four events whatever the stream's size. A large
 * import holds mostly streams of one or two events: counted by events alone, a full cache would have
 * grown past any heap limit sized for it before it was full. An import's heap counts more bytes per
 * weighed event than a state weighs (CACHED_EVENT_BYTES, tunables.ts), for the rest of the heap and the
 * collector's room. What states weigh, as measured: docs/benchmarks.md, 'state cache weight'.
 */
export const STREAM_OVERHEAD_EVENTS = 4;

function weightOf(loaded: LoadedStream): number {
  return loaded.revision + 1 + STREAM_OVERHEAD_EVENTS;
}
