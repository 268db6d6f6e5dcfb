import { evolveStream, initialStateFor, type StoredFact, type StreamState } from '#domain';
import type { AppendResult, EventStore, RecordedEvent, StateSnapshot, StreamFact } from '#event-store';
import { SNAPSHOT_MIN_EVENTS, STATE_CACHE_EVENTS } from '#runtime/tunables';
import { BloomFilter } from './bloom-filter.js';
import { PackedFactIndex } from './states/packed-fact-index.js';
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_FORMAT } from './states/snapshot-codec.js';

export interface LoadedStream {
  state: StreamState;
  /** Revision of the last event folded in; -1 for a stream with no events. */
  revision: number;
}

export function toFact(event: StreamFact): StoredFact {
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
 *
 * Where the store keeps snapshots (the port's `saveSnapshots`/`readSnapshot`: SQLite), an evicted state
 * of a long enough stream is handed to it as a snapshot, and a miss reads the snapshot and the events
 * after it instead of the whole stream (docs/decisions.md, 'decision-state snapshots'). Only a state
 * whose every event is committed with its position is snapshotted: an import folds its batch before
 * the commit (`settled` tells when it is in).
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
   * docs/benchmarks.md, 'streams not yet written'). A filter, not a set: a set of every stream grew with
   * the ledger inside the import's heap limit (with the ids it kept alive, ≈ 20 MB a set at 5M events),
   * where a filter stays 2 MB (a false "maybe" only reads a stream that turns out empty).
   */
  private mayExist?: BloomFilter;
  /**
   * The streams with a snapshot (the store's list when first needed, and those handed to it since), so
   * that a miss looks for a snapshot only where there is one; undefined: every miss looks. A filter for
   * the same reason as `mayExist` (a false "maybe" reads no snapshot, then the whole stream).
   */
  private withSnapshot?: BloomFilter;
  private snapshotsListed = false;

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
    let snapshotRevision = -1;
    if (this.mayExist === undefined || this.mayExist.mayHold(streamId)) {
      const fromSnapshot = await this.loadFromSnapshot(streamId, loaded.state.kind);
      if (fromSnapshot) {
        loaded = fromSnapshot.loaded;
        snapshotRevision = fromSnapshot.snapshotRevision;
      } else {
        loaded = this.fold(loaded, await this.readWhole(streamId));
      }
    }
    this.remember(streamId, loaded, { snapshotRevision, settledRevision: loaded.revision, pending: false });
    return loaded;
  }

  /**
   * The stream's snapshot and the events after it, folded; undefined when the store keeps no snapshot
   * of it, or one of another format, or one the log does not bear out (its last event is not at its
   * revision): the caller then reads the whole stream.
   */
  private async loadFromSnapshot(streamId: string, kind: StreamState['kind']): Promise<{ loaded: LoadedStream; snapshotRevision: number } | undefined> {
    if (!this.store.readSnapshot || !(this.snapshotStreams()?.mayHold(streamId) ?? true)) return undefined;
    const snapshot = await this.store.readSnapshot(streamId);
    if (!snapshot || snapshot.format !== SNAPSHOT_FORMAT) return undefined;
    let state;
    try {
      state = decodeSnapshot(snapshot.state, kind);
    } catch {
      return undefined;
    }
    // A snapshot holds its every fact up to its revision, the last with the position the log gave it.
    const position = state.facts.size === snapshot.revision + 1 ? state.facts.get(snapshot.revision)?.position : undefined;
    if (position === undefined) return undefined;
    const after = await this.eventsAfter(streamId, snapshot.revision, position);
    if (after === undefined) return undefined;
    const loaded = this.fold({ state, revision: snapshot.revision }, after);
    return { loaded, snapshotRevision: snapshot.revision };
  }

  /** Every event of a stream, as a fold needs it (without metadata where the store can). */
  private async readWhole(streamId: string): Promise<StreamFact[]> {
    return this.store.readStreamAfter ? (await this.store.readStreamAfter(streamId, -1)).facts : this.store.readStream(streamId);
  }

  /**
   * The events after a snapshot at `revision`, or undefined when the log does not bear the snapshot out:
   * the event at `revision` is not at the `position` the snapshot's facts give it. Where the store can,
   * that position is found in the stream's index without reading the event's row.
   */
  private async eventsAfter(streamId: string, revision: number, position: number): Promise<StreamFact[] | undefined> {
    if (this.store.readStreamAfter) {
      const tail = await this.store.readStreamAfter(streamId, revision);
      return tail.positionAtRevision === position ? tail.facts : undefined;
    }
    // From the snapshot's own revision: its event proves the snapshot was folded from this log.
    const events = await this.store.readStream(streamId, { fromRevision: revision });
    return events[0]?.revision === revision && events[0].position === position ? events.slice(1) : undefined;
  }

  /**
   * Trusts `existing` (every stream the store holds now) as the only streams with events, besides
   * those this process writes from now on. Only for a writer that sees every other writer's effect
   * as a conflict: the append's expected revision (`no_stream`) refuses a stream another process
   * created meanwhile, and `forget` after that conflict makes the stream be read again.
   */
  trustExistingStreams(existing: Iterable<string>): void {
    this.mayExist = filterOf(existing);
  }

  /** Reads every stream not cached again (the end of an import, or a conflict with another writer). */
  distrustExistingStreams(): void {
    this.mayExist = undefined;
  }

  /**
   * Folds freshly appended events into a state the caller loaded from here. Events without a position
   * (0: an import's batch, folded before its commit) leave the state unsettled until `settled`.
   */
  advance(streamId: string, loaded: LoadedStream, events: RecordedEvent[]): LoadedStream {
    // What the entry knows holds only for the state it holds (states are folded in place); a state
    // evicted meanwhile, or another one, is not known to be settled and is not snapshotted until reloaded.
    const entry = this.entries.get(streamId);
    const known = entry !== undefined && entry.loaded.state === loaded.state && entry.loaded.revision === loaded.revision ? entry : undefined;
    const next = this.fold(loaded, events);
    const committed = events.every((event) => event.position > 0);
    this.remember(streamId, next, {
      snapshotRevision: known?.snapshotRevision ?? -1,
      settledRevision: known === undefined ? -1 : committed && known.settledRevision === loaded.revision ? next.revision : known.settledRevision,
      pending: !committed || (known?.pending ?? false),
    });
    return next;
  }

  /**
   * A batch folded before its commit (`advance` with positions 0) is committed: its facts take their
   * positions, and a state whose every event is now committed may be snapshotted when evicted.
   */
  settled(results: readonly AppendResult[]): void {
    for (const result of results) {
      const entry = this.entries.get(result.streamId);
      if (!entry) continue;
      const { facts } = entry.loaded.state;
      if (facts instanceof PackedFactIndex) for (const event of result.events) facts.setPosition(event.revision, event.position);
      if (entry.loaded.revision >= result.revision) entry.settledRevision = Math.max(entry.settledRevision, result.revision);
      if (entry.loaded.revision <= result.revision) entry.pending = false;
    }
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

  /**
   * Hands the store the snapshots of the cached states that would be snapshotted if evicted now; for a
   * process that is closing. Without it the states a process kept to its end (an import that evicted
   * nothing, a server's busiest employers) were read whole by the next process's first command on each
   * (docs/benchmarks.md, 'cold commands'). Empties the cache as it goes; answers how many were handed over.
   */
  async snapshotCached(): Promise<number> {
    if (!this.store.saveSnapshots) return 0;
    // A chunk at a time, each written before the next is encoded where the store can say when
    // (`writeSnapshots`): a full cache's states encoded at once weighed more than the heap's headroom.
    const hand = async (chunk: StateSnapshot[]) => (this.store.writeSnapshots ? this.store.writeSnapshots(chunk) : this.store.saveSnapshots!(chunk));
    let chunk: StateSnapshot[] = [];
    let handed = 0;
    // Each state leaves the cache as it is visited, so that the collector can take it while the next
    // chunks are encoded: kept to the end, the encodings came on top of a full cache (the close was an
    // import's peak RSS, docs/benchmarks.md, 'release at close'). A later load reads the store again.
    for (const [streamId, entry] of this.entries) {
      const snapshot = this.snapshotOf(streamId, entry);
      this.drop(streamId);
      if (!snapshot) continue;
      this.snapshotStreams()?.add(streamId);
      chunk.push(snapshot);
      handed++;
      if (chunk.length === SNAPSHOTS_PER_HANDOVER) {
        await hand(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) await hand(chunk);
    return handed;
  }

  /** Drops a state to make room, handing its snapshot to the store where that pays (`snapshotOf`). */
  private evict(streamId: string): void {
    const entry = this.entries.get(streamId)!;
    const snapshot = this.snapshotOf(streamId, entry);
    this.drop(streamId);
    if (snapshot) {
      this.snapshotStreams()?.add(streamId);
      this.store.saveSnapshots!([snapshot]);
    }
  }

  private snapshotStreams(): BloomFilter | undefined {
    if (!this.snapshotsListed) {
      this.snapshotsListed = true;
      if (this.store.snapshotStreamsSync) this.withSnapshot = filterOf(this.store.snapshotStreamsSync());
    }
    return this.withSnapshot;
  }

  /**
   * A snapshot of an evicted state, where it pays: the store keeps snapshots, the state holds
   * SNAPSHOT_MIN_EVENTS events more than the snapshot it was loaded from (or than none: a shorter
   * stream reads about as fast as a snapshot, and a snapshot rewritten for every event or two cost more
   * than it saved), and every event folded in is committed with its position.
   */
  private snapshotOf(streamId: string, entry: Entry): StateSnapshot | undefined {
    const { loaded } = entry;
    if (!this.store.saveSnapshots || loaded.revision < 0) return undefined;
    if (loaded.revision - entry.snapshotRevision < SNAPSHOT_MIN_EVENTS || entry.settledRevision !== loaded.revision) return undefined;
    return { streamId, revision: loaded.revision, format: SNAPSHOT_FORMAT, state: encodeSnapshot(loaded.state) };
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

  private fold(loaded: LoadedStream, events: readonly StreamFact[]): LoadedStream {
    let { state, revision } = loaded;
    for (const event of events) {
      state = evolveStream(state, toFact(event));
      revision = event.revision;
    }
    return { state, revision };
  }

  private remember(streamId: string, loaded: LoadedStream, known: { snapshotRevision: number; settledRevision: number; pending: boolean }): void {
    if (loaded.revision >= 0) this.mayExist?.add(streamId);
    const touched = ++this.clock;
    const entry = this.entries.get(streamId);
    if (entry) {
      this.eventsHeld += weightOf(loaded) - weightOf(entry.loaded);
      entry.loaded = loaded;
      entry.touched = touched;
      entry.snapshotRevision = known.snapshotRevision;
      entry.settledRevision = known.settledRevision;
      entry.pending = known.pending;
    } else {
      this.entries.set(streamId, { loaded, slot: this.ids.length, touched, ...known });
      this.ids.push(streamId);
      this.eventsHeld += weightOf(loaded);
    }
    while (this.eventsHeld > this.capacity && this.entries.size > 1) {
      const victim = this.victim();
      // Every other state waits for its batch's commit: the cache holds them past its capacity until then.
      if (victim === undefined) break;
      this.evict(victim);
    }
  }

  /**
   * A random state outside the protected window; failing a few draws (a small cache, or one full of
   * recent states), the least recently touched of those drawn. Never the state just remembered, nor
   * one holding an import batch's events before its commit (`pending`): read back from the store, it
   * would lack them, and a tiny cache used to decide the batch's next commands on such a state.
   */
  private victim(): string | undefined {
    let oldest: string | undefined;
    let oldestTouched = Infinity;
    const draws = Math.min(16, this.entries.size * 2);
    for (let draw = 0; draw < draws; draw++) {
      const id = this.ids[this.nextRandom() % this.ids.length]!;
      const { touched, pending } = this.entries.get(id)!;
      if (touched === this.clock || pending) continue;
      if (touched < this.clock - this.protectedTouches) return id;
      if (touched < oldestTouched) [oldest, oldestTouched] = [id, touched];
    }
    if (oldest !== undefined) return oldest;
    // The draws kept hitting the new state or pending ones: the first other, if any.
    return this.ids.find((id) => {
      const entry = this.entries.get(id)!;
      return entry.touched !== this.clock && !entry.pending;
    });
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
  /** Revision of the snapshot the state was loaded from or handed to the store; -1 for none. */
  snapshotRevision: number;
  /** The last revision whose events, and all before, are committed with their positions. */
  settledRevision: number;
  /** Holds events folded before their commit (an import batch's, `advance` with positions 0) until `settled`. */
  pending: boolean;
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

/** Snapshots handed to the store at once when a closing process keeps its cached states (`snapshotCached`). */
const SNAPSHOTS_PER_HANDOVER = 500;

/**
 * The bits of a filter of streams (2 MB): at 10M events (≈ 700,000 streams) about one look in 600 at a
 * stream the filter does not hold is needless; the share grows with the streams, the memory does not.
 */
const STREAM_FILTER_BITS = 2 ** 24;

function filterOf(streamIds: Iterable<string>): BloomFilter {
  const filter = new BloomFilter(STREAM_FILTER_BITS);
  for (const streamId of streamIds) filter.add(streamId);
  return filter;
}

function weightOf(loaded: LoadedStream): number {
  return loaded.revision + 1 + STREAM_OVERHEAD_EVENTS;
}
