import { evolveStream, initialStateFor, type StoredFact, type StreamState } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';

export interface LoadedStream {
  state: StreamState;
  /** Revision of the last event folded in; -1 for a stream with no events. */
  revision: number;
}

export function toFact(event: RecordedEvent): StoredFact {
  return { eventId: event.eventId, type: event.type, data: event.data, revision: event.revision, position: event.position } as StoredFact;
}

/**
 * Folds streams into decision states and keeps the most recent ones in memory. A cached state is
 * only a guess about the store: the append's expected revision proves it, and a conflict drops it.
 */
export class StreamStates {
  private readonly cache = new Map<string, LoadedStream>();

  constructor(
    private readonly store: EventStore,
    // Enough for a batch's streams and the hot ones; a bulk import touches far more streams than this,
    // and keeping them all would grow memory with the file (measured: 571 MB at 200,000 lines).
    private readonly capacity = 5_000,
  ) {}

  async load(streamId: string): Promise<LoadedStream> {
    const cached = this.cache.get(streamId);
    if (cached) {
      // Refresh recency so the map's insertion order works as an LRU.
      this.cache.delete(streamId);
      this.cache.set(streamId, cached);
      return cached;
    }
    let loaded: LoadedStream = { state: initialStateFor(streamId), revision: -1 };
    const events = await this.store.readStream(streamId);
    loaded = this.fold(loaded, events);
    this.remember(streamId, loaded);
    return loaded;
  }

  /** Folds freshly appended events into a state the caller loaded from here. */
  advance(streamId: string, loaded: LoadedStream, events: RecordedEvent[]): LoadedStream {
    const next = this.fold(loaded, events);
    this.remember(streamId, next);
    return next;
  }

  forget(streamId: string): void {
    this.cache.delete(streamId);
  }

  clear(): void {
    this.cache.clear();
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
    this.cache.delete(streamId);
    this.cache.set(streamId, loaded);
    if (this.cache.size > this.capacity) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}
